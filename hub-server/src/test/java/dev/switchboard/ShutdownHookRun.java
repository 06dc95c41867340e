package dev.switchboard;

import dev.switchboard.fixtures.TestHub;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.logging.LogManager;

/**
 * Run by {@link ShutdownHookTest} in a JVM of its own. With no argument: starts a server on a free port, prints
 * {@code run: port N}, and returns from {@code main}, as a newcomer's first program does; a watcher prints
 * {@code run: main ended} once the main thread has ended. With {@code hooks}: prints how many shutdown hooks the JVM
 * holds before a start, while a server runs, once it is closed, and while one built with
 * {@code stopAtShutdown(false)} runs (it needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}).
 */
final class ShutdownHookRun {

    private ShutdownHookRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("hooks")) {
            countHooks();
            return;
        }
        HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).build().start();
        Thread main = Thread.currentThread();
        Thread watcher = new Thread(() -> {
            try {
                main.join();
                System.out.println("run: main ended");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "main-watcher");
        watcher.setDaemon(true);
        watcher.start();
        System.out.println("run: port " + server.port());
    }

    private static void countHooks() throws Exception {
        // java.util.logging registers a hook of its own when first used, as a server's build does.
        LogManager.getLogManager();
        int before = hooks();
        HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).build().start();
        int running = hooks();
        server.close();
        int closed = hooks();
        int withoutHook;
        try (HubServer unhooked = HubServer.builder().port(0).hub("/test", TestHub.class).stopAtShutdown(false)
                .build().start()) {
            withoutHook = hooks();
        }
        System.out.println("run: hooks " + before + " " + running + " " + closed + " " + withoutHook);
    }

    private static int hooks() throws Exception {
        Field hooks = Class.forName("java.lang.ApplicationShutdownHooks").getDeclaredField("hooks");
        hooks.setAccessible(true);
        synchronized (Class.forName("java.lang.ApplicationShutdownHooks")) {
            return ((Map<?, ?>) hooks.get(null)).size();
        }
    }
}
