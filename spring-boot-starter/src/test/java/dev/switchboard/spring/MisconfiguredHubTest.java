package dev.switchboard.spring;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spring.broken.BrokenApplication;
import dev.switchboard.spring.broken.BrokenHub;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A hub Spring cannot make stops the application's start, naming the hub. */
class MisconfiguredHubTest {

    @Test
    void aHubWithAnUnsatisfiedDependencyFailsTheStartNamingIt() {
        Throwable failure = assertThrows(Throwable.class, () -> new SpringApplicationBuilder(BrokenApplication.class)
                .properties("server.port=0").run().close());
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause).append('\n');
        }
        assertTrue(messages.toString().contains("Spring cannot make " + BrokenHub.class.getName()), messages.toString());
    }
}
