package dev.switchboard.client;

import com.google.inject.AbstractModule;
import dev.switchboard.FromServices;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import java.util.concurrent.atomic.AtomicInteger;

/** The hub {@code test/integration/services.test.mjs} calls: its methods take services from Guice. */
public class ServiceTestHub extends Hub {

    /** Bound in {@link #MODULE}, so a parameter of this type is a service without a mark. */
    public record Greeter(String greeting) {
    }

    /** Made anew for every call, just in time: a service only where marked. */
    public static class CallNumber {
        private static final AtomicInteger MADE = new AtomicInteger();
        final int value = MADE.incrementAndGet();
    }

    /** The hub's services. */
    public static final AbstractModule MODULE = new AbstractModule() {
        @Override
        protected void configure() {
            bind(Greeter.class).toInstance(new Greeter("Hello"));
        }
    };

    @HubMethod
    public String greet(String name, Greeter greeter) {
        return greeter.greeting() + ", " + name;
    }

    @HubMethod
    public int callNumber(@FromServices CallNumber number) {
        return number.value;
    }
}
