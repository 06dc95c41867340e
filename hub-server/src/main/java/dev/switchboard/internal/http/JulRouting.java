package dev.switchboard.internal.http;

import java.util.List;
import java.util.logging.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends what Grizzly and Tyrus log through java.util.logging to SLF4J, where the application's backend formats it
 * with everything else. Only their two loggers are routed, never the root: a library must not take over the
 * application's own java.util.logging set-up. Their records stop going to the root's handlers too, so that none
 * is written twice; the levels they have (from a {@code logging.properties}, say) still decide what is logged.
 * When the application already routes all of java.util.logging to SLF4J, as Spring Boot and our samples do, they
 * are left as they are.
 */
final class JulRouting {

    /** java.util.logging holds loggers weakly, and would drop our handlers with them. */
    private static final List<Logger> ROUTED = List.of(
            Logger.getLogger("org.glassfish.grizzly"),
            Logger.getLogger("org.glassfish.tyrus"));
    private static boolean routed;

    private JulRouting() {
    }

    /** Routes the loggers, once however often it is called. */
    static synchronized void install() {
        if (routed || SLF4JBridgeHandler.isInstalled()) {
            return;
        }
        for (Logger logger : ROUTED) {
            logger.addHandler(new SLF4JBridgeHandler());
            logger.setUseParentHandlers(false);
        }
        routed = true;
    }
}
