package dev.switchboard.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** What to do when a program a test needs is not installed: skip on a developer's machine, fail in CI. */
public final class Prerequisites {

    private Prerequisites() {
    }

    /**
     * Fails the test in CI ({@code CI=true}), where a missing program means a broken build machine; elsewhere
     * aborts it, so that it shows as skipped.
     */
    public static void missing(String message) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message + "; skipping");
    }

    /** Goes on if every one of {@code programs} is on the PATH, and otherwise is {@link #missing} them. */
    public static void onPath(String purpose, String... programs) throws IOException, InterruptedException {
        for (String program : programs) {
            Process which = new ProcessBuilder("sh", "-c", "command -v " + program).start();
            if (!which.waitFor(10, TimeUnit.SECONDS) || which.exitValue() != 0) {
                missing(String.join(" and ", List.of(programs)) + " must be installed to run " + purpose + ": "
                        + program + " is not on the PATH");
            }
        }
    }
}
