package dev.switchboard.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** What to do when a program a test needs is not installed: skip on a developer's machine, fail in CI. */
final class Prerequisites {

    private Prerequisites() {
    }

    /**
     * Fails the test in CI ({@code CI=true}), where a missing program means a broken build machine; elsewhere
     * aborts it, so that it shows as skipped.
     */
    static void missing(String message) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message + "; skipping");
    }
}
