package dev.switchboard.spring;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spring.broken.BrokenApplication;
import dev.switchboard.spring.broken.BrokenHub;
import dev.switchboard.spring.brokenservice.BrokenServiceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A hub Spring cannot make, or a hub method's bean it cannot supply, stops the application's start, naming it. */
class MisconfiguredHubTest {

    @Test
    void aHubWithAnUnsatisfiedDependencyFailsTheStartNamingIt() {
        String messages = startFailure(BrokenApplication.class);
        assertTrue(messages.contains("Spring cannot make " + BrokenHub.class.getName()), messages);
    }

    @Test
    void aFromServicesParameterWithoutABeanFailsTheStartNamingHubMethodAndParameter() {
        String messages = startFailure(BrokenServiceApplication.class);
        assertTrue(messages.contains("Hub BrokenServiceHub, method send: parameter 2 (BrokenServiceHub.Missing "
                + "missing) is marked @FromServices but the container cannot supply it: Spring cannot supply it: "),
                messages);
    }

    private static String startFailure(Class<?> application) {
        Throwable failure = assertThrows(Throwable.class, () -> new SpringApplicationBuilder(application)
                .properties("server.port=0").run().close());
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause).append('\n');
        }
        return messages.toString();
    }
}
