package dev.switchboard.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import java.lang.reflect.Parameter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The Guice rules of hub method services: what counts as a service without a mark, and how each is supplied. */
class GuiceActivatorTest {

    /** A concrete class Guice can make just in time. */
    public static class Helper {
    }

    public interface Store {
    }

    /** Parameters of every kind, read by name. */
    @SuppressWarnings("unused")
    abstract static class Methods<T> {
        abstract void all(Clock clock, @Named("primary") Store primary, @Named("other") Store other, Helper helper,
                          String text, List<String> names, T generic, Store unnamed, Integer counter,
                          @Named("a") @jakarta.inject.Named("b") Store twice);
    }

    private static final Clock CLOCK = Clock.systemUTC();

    private static Parameter parameter(String name) {
        for (Parameter parameter : Methods.class.getDeclaredMethods()[0].getParameters()) {
            if (parameter.getName().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError(name);
    }

    private static Injector injector() {
        AtomicInteger counter = new AtomicInteger();
        return Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(Clock.class).toInstance(CLOCK);
                bind(Store.class).annotatedWith(Names.named("primary")).toInstance(new Store() { });
                bind(Integer.class).toProvider(counter::incrementAndGet);
            }
        });
    }

    @Test
    void explicitBindingsAreServicesWithTheirQualifier() {
        GuiceActivator activator = new GuiceActivator(injector());
        assertTrue(activator.isService(parameter("clock")));
        assertTrue(activator.isService(parameter("primary")));
        assertFalse(activator.isService(parameter("other")), "another name is another key");
        assertFalse(activator.isService(parameter("unnamed")), "the qualified binding is not the plain key");
    }

    @Test
    void justInTimeBindingsAreNotServicesEvenOnceMade() {
        Injector injector = injector();
        GuiceActivator activator = new GuiceActivator(injector);
        injector.getInstance(Helper.class);
        assertFalse(activator.isService(parameter("helper")));
        assertFalse(activator.isService(parameter("text")));
        assertFalse(activator.isService(parameter("names")));
        assertFalse(activator.isService(parameter("generic")), "a type variable is never a key");
    }

    @Test
    void aParentInjectorsBindingsCount() {
        GuiceActivator activator = new GuiceActivator(injector().createChildInjector());
        assertTrue(activator.isService(parameter("clock")));
        assertSame(CLOCK, activator.service(parameter("clock")).get());
    }

    @Test
    void servicesAreProvidedAnewForEveryCall() {
        GuiceActivator activator = new GuiceActivator(injector());
        Supplier<?> counter = activator.service(parameter("counter"));
        assertEquals(1, counter.get());
        assertEquals(2, counter.get());
        Supplier<?> helpers = activator.service(parameter("helper"));
        assertNotSame(helpers.get(), helpers.get(), "a marked parameter may use a just-in-time binding");
    }

    @Test
    void whatGuiceCannotProvideIsRefusedWithTheReason() {
        GuiceActivator activator = new GuiceActivator(injector());
        String message = assertThrows(IllegalArgumentException.class,
                () -> activator.service(parameter("other"))).getMessage();
        assertTrue(message.startsWith("Guice cannot provide it: "), message);
        assertTrue(message.contains("@Named(\"other\")"), message);
        message = assertThrows(IllegalArgumentException.class,
                () -> activator.isService(parameter("twice"))).getMessage();
        assertTrue(message.startsWith("parameter twice has more than one binding annotation"), message);
    }
}
