package dev.switchboard.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.FromServices;
import dev.switchboard.Hub;
import dev.switchboard.HubContext;
import dev.switchboard.HubMethod;
import dev.switchboard.internal.protocol.JsonMappers;
import dev.switchboard.spi.HubActivator;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Which hub method parameters are services, with SignalR's rules, against a container that knows two types. */
class ServiceParametersTest {

    /** Registered: an implicit service. */
    public record Greeter(int instance) {
    }

    /** Suppliable when asked for, but not registered: a service only when marked. */
    public record Clock(int instance) {
    }

    /** What the container cannot supply. */
    public record Unknown(String text) {
    }

    public static class ServicesHub extends Hub {
        @HubMethod
        public String implicit(String text, Greeter greeter) {
            return text + greeter.instance();
        }

        @HubMethod
        public String marked(@FromServices Clock clock, int count) {
            return clock.instance() + "/" + count;
        }

        @HubMethod
        public String plain(Clock clock) {
            return String.valueOf(clock);
        }

        @HubMethod
        public String upload(Flow.Publisher<Greeter> greeters, Greeter greeter) {
            return "";
        }
    }

    public static class MarkedUnknownHub extends Hub {
        @HubMethod
        public void send(String text, @FromServices Unknown unknown) {
        }
    }

    public static class MarkedUploadHub extends Hub {
        @HubMethod
        public void sum(@FromServices Flow.Publisher<Integer> numbers) {
        }
    }

    public static class AmbiguousHub extends Hub {
        @HubMethod
        public void send(ServiceParametersTest.Greeter greeter) {
        }
    }

    private static final ObjectMapper MAPPER = JsonMappers.signalR();

    /** Supplies a new Greeter or Clock for every call, numbered; only Greeter counts as registered. */
    private static final class Container implements HubActivator {
        final AtomicInteger made = new AtomicInteger();
        boolean ambiguous;

        @Override
        public <T> Supplier<T> provider(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <H extends Hub> HubContext<H> hubContext(Class<H> hubType) {
            return null;
        }

        @Override
        public boolean isService(Parameter parameter) {
            if (ambiguous) {
                throw new IllegalArgumentException("two greeters");
            }
            return parameter.getType() == Greeter.class;
        }

        @Override
        public Supplier<?> service(Parameter parameter) {
            if (parameter.getType() == Greeter.class) {
                return () -> new Greeter(made.incrementAndGet());
            }
            if (parameter.getType() == Clock.class) {
                return () -> new Clock(made.incrementAndGet());
            }
            throw new IllegalArgumentException("no " + parameter.getType().getSimpleName() + " is bound");
        }
    }

    private static List<JsonNode> args(String jsonArray) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        MAPPER.readTree(jsonArray).forEach(nodes::add);
        return nodes;
    }

    private static HubMethodDescriptor method(Container container, boolean implicit, String name) {
        return HubDescriptor.of(ServicesHub.class, MAPPER, ServiceParameters.of(container, implicit)).find(name);
    }

    @Test
    void servicesAreSuppliedForEveryCallAndNotReadFromTheArguments() throws Exception {
        Container container = new Container();
        HubMethodDescriptor implicit = method(container, true, "implicit");
        assertArrayEquals(new Object[] {"a", new Greeter(1)}, implicit.supplyServices(implicit.bind(args("[\"a\"]"))));
        assertArrayEquals(new Object[] {"b", new Greeter(2)}, implicit.supplyServices(implicit.bind(args("[\"b\"]"))));
        HubMethodDescriptor marked = method(container, true, "marked");
        assertArrayEquals(new Object[] {new Clock(3), 7}, marked.supplyServices(marked.bind(args("[7]"))));
    }

    @Test
    void theArgumentCountExcludesServicesInSignalRsWords() {
        HubMethodDescriptor implicit = method(new Container(), true, "implicit");
        ArgumentBindingException e = assertThrows(ArgumentBindingException.class,
                () -> implicit.bind(args("[\"a\",{\"instance\":1}]")));
        assertEquals("Invocation provides 2 argument(s) but target expects 1.", e.getMessage());
    }

    @Test
    void anUnregisteredTypeIsAnArgumentUnlessMarked() throws Exception {
        HubMethodDescriptor plain = method(new Container(), true, "plain");
        assertArrayEquals(new Object[] {new Clock(5)}, plain.supplyServices(plain.bind(args("[{\"instance\":5}]"))));
    }

    @Test
    void disablingImplicitServicesLeavesOnlyMarkedOnes() throws Exception {
        Container container = new Container();
        HubMethodDescriptor implicit = method(container, false, "implicit");
        assertArrayEquals(new Object[] {"a", new Greeter(9)},
                implicit.supplyServices(implicit.bind(args("[\"a\",{\"instance\":9}]"))));
        HubMethodDescriptor marked = method(container, false, "marked");
        assertArrayEquals(new Object[] {new Clock(1), 2}, marked.supplyServices(marked.bind(args("[2]"))));
    }

    @Test
    void anUploadIsNeverAnImplicitService() {
        HubMethodDescriptor upload = method(new Container(), true, "upload");
        assertEquals(1, upload.uploadCount());
    }

    @Test
    void withoutAContainerEveryParameterIsAnArgument() throws Exception {
        HubMethodDescriptor send = HubDescriptor.of(AmbiguousHub.class, MAPPER).find("send");
        assertArrayEquals(new Object[] {new Greeter(4)}, send.bind(args("[{\"instance\":4}]")));
    }

    @Test
    void startUpErrorsNameTheHubTheMethodAndTheParameter() {
        Container container = new Container();
        assertEquals("Hub MarkedUnknownHub, method send: parameter 2 (ServiceParametersTest.Unknown unknown) is marked @FromServices but the "
                + "container cannot supply it: no Unknown is bound", startUpError(MarkedUnknownHub.class, container));
        assertEquals("Hub MarkedUploadHub, method sum: parameter 1 (Flow.Publisher<Integer> numbers) is both a stream the client uploads (Flow.Publisher) and @FromServices: "
                + "remove @FromServices to take the upload, or give the service another type",
                startUpError(MarkedUploadHub.class, container));
        assertEquals("Hub MarkedUnknownHub, method send: parameter 2 (ServiceParametersTest.Unknown unknown) is marked @FromServices but this "
                + "server has no container to supply it", assertThrows(IllegalArgumentException.class,
                        () -> HubDescriptor.of(MarkedUnknownHub.class, MAPPER)).getMessage());
        container.ambiguous = true;
        assertEquals("Hub AmbiguousHub, method send: parameter 1 (ServiceParametersTest.Greeter greeter) is ambiguous: two greeters",
                startUpError(AmbiguousHub.class, container));
    }

    private static String startUpError(Class<? extends Hub> hubType, Container container) {
        return assertThrows(IllegalArgumentException.class,
                () -> HubDescriptor.of(hubType, MAPPER, ServiceParameters.of(container, true))).getMessage();
    }
}
