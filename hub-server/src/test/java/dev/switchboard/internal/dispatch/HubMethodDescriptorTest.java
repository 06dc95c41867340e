package dev.switchboard.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import dev.switchboard.internal.dispatch.HubMethodDescriptor.ResultKind;
import dev.switchboard.internal.protocol.JsonMappers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HubMethodDescriptorTest {

    public record Point(int x, int y) {
    }

    public enum Color { RED, GREEN }

    public static class BindingHub extends Hub {
        @HubMethod
        public String primitives(int i, long l, double d, boolean b) {
            return i + "/" + l + "/" + d + "/" + b;
        }

        @HubMethod
        public int add(int a, int b) {
            return a + b;
        }

        @HubMethod
        public Integer boxed(Integer value) {
            return value;
        }

        @HubMethod
        public String text(String value) {
            return value;
        }

        @HubMethod
        public Point point(Point value) {
            return value;
        }

        @HubMethod
        public List<Integer> list(List<Integer> values) {
            return values;
        }

        @HubMethod
        public Map<String, Integer> map(Map<String, Integer> values) {
            return values;
        }

        @HubMethod
        public Color color(Color value) {
            return value;
        }

        @HubMethod
        public JsonNode node(JsonNode value) {
            return value;
        }

        @HubMethod
        public Instant instant(Instant value) {
            return value;
        }

        @HubMethod
        public void nothing() {
        }

        @HubMethod
        public CompletableFuture<String> later() {
            return CompletableFuture.completedFuture("later");
        }

        @HubMethod
        public CompletableFuture<Void> done() {
            return CompletableFuture.completedFuture(null);
        }

        @HubMethod
        public void fail() {
            throw new IllegalStateException("boom");
        }
    }

    private static final ObjectMapper MAPPER = JsonMappers.signalR();
    private static final HubDescriptor HUB = HubDescriptor.of(BindingHub.class, MAPPER);

    /** The JSON array's elements as JsonNodes, as the protocol hands them over. */
    private static List<JsonNode> args(String jsonArray) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        MAPPER.readTree(jsonArray).forEach(nodes::add);
        return nodes;
    }

    private static Object[] bind(String method, String jsonArray) throws Exception {
        return HUB.find(method).bind(args(jsonArray));
    }

    private static Object bindOne(String method, String json) throws Exception {
        Object[] bound = bind(method, "[" + json + "]");
        assertEquals(1, bound.length);
        return bound[0];
    }

    @Test
    void bindsPrimitives() throws Exception {
        assertArrayEquals(new Object[] {7, 8_000_000_000L, 1.5, true}, bind("primitives", "[7,8000000000,1.5,true]"));
        assertEquals(2.0, bind("primitives", "[1,2,2,false]")[2], "an integer is a valid double");
    }

    @Test
    void bindsBoxedIntegerIncludingNull() throws Exception {
        assertEquals(5, bindOne("boxed", "5"));
        assertNull(bindOne("boxed", "null"));
    }

    @Test
    void bindsStringsRecordsCollectionsAndEnums() throws Exception {
        assertEquals("héllo", bindOne("text", "\"héllo\""));
        assertNull(bindOne("text", "null"));
        assertEquals(new Point(1, 2), bindOne("point", "{\"x\":1,\"y\":2}"));
        assertEquals(new Point(3, 4), bindOne("point", "{\"X\":3,\"Y\":4,\"z\":5}"),
                "names match case-insensitively and unknown properties are ignored");
        assertEquals(List.of(1, 2, 3), bindOne("list", "[1,2,3]"));
        assertEquals(Map.of("a", 1, "b", 2), bindOne("map", "{\"a\":1,\"b\":2}"));
        assertSame(Color.GREEN, bindOne("color", "\"GREEN\""));
    }

    @Test
    void bindsJsonNodeAsIs() throws Exception {
        assertEquals(MAPPER.readTree("{\"a\":[1,null]}"), bindOne("node", "{\"a\":[1,null]}"));
    }

    @Test
    void bindsInstantFromIsoString() throws Exception {
        assertEquals(Instant.parse("2024-05-06T07:08:09.123Z"), bindOne("instant", "\"2024-05-06T07:08:09.123Z\""));
    }

    @Test
    void wrongArgumentCountIsRejected() {
        ArgumentBindingException e = assertThrows(ArgumentBindingException.class, () -> bind("add", "[1]"));
        assertEquals("Invocation provides 1 argument(s) but target expects 2.", e.getMessage());
        e = assertThrows(ArgumentBindingException.class, () -> bind("nothing", "[1]"));
        assertEquals("Invocation provides 1 argument(s) but target expects 0.", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            add      | ["1",2]          | Argument 1 is not a valid int.
            add      | [1,"2"]          | Argument 2 is not a valid int.
            add      | [1.5,2]          | Argument 1 is not a valid int.
            add      | [1,null]         | Argument 2 is not a valid int.
            add      | [1,true]         | Argument 2 is not a valid int.
            add      | [1,99999999999]  | Argument 2 is not a valid int.
            text     | [42]             | Argument 1 is not a valid String.
            text     | [true]           | Argument 1 is not a valid String.
            text     | [{"a":1}]        | Argument 1 is not a valid String.
            list     | [{"a":1}]        | Argument 1 is not a valid List.
            list     | [[1,"x"]]        | Argument 1 is not a valid List.
            point    | [[1,2]]          | Argument 1 is not a valid Point.
            color    | ["BLUE"]         | Argument 1 is not a valid Color.
            instant  | ["yesterday"]    | Argument 1 is not a valid Instant.
            """)
    void wrongArgumentTypesAreRejectedNamingThePosition(String method, String arguments, String message) {
        ArgumentBindingException e = assertThrows(ArgumentBindingException.class, () -> bind(method, arguments));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            primitives | [1,2,3,1]       | Argument 4 is not a valid boolean.
            primitives | [1,2,3,"true"]  | Argument 4 is not a valid boolean.
            primitives | [1,2.5,3,true]  | Argument 2 is not a valid long.
            primitives | [1,2,"3",true]  | Argument 3 is not a valid double.
            """)
    void noLooseCoercionOfScalars(String method, String arguments, String message) {
        ArgumentBindingException e = assertThrows(ArgumentBindingException.class, () -> bind(method, arguments));
        assertEquals(message, e.getMessage());
    }

    @Test
    void resultKindFollowsTheReturnType() {
        assertEquals(ResultKind.VOID, HUB.find("nothing").resultKind());
        assertEquals(ResultKind.VALUE, HUB.find("add").resultKind());
        assertEquals(ResultKind.VALUE, HUB.find("boxed").resultKind());
        assertEquals(ResultKind.FUTURE, HUB.find("later").resultKind());
        assertEquals(ResultKind.FUTURE_VOID, HUB.find("done").resultKind());
    }

    @Test
    void invokeCallsTheMethodAndReturnsItsValue() throws Throwable {
        BindingHub hub = new BindingHub();
        HubMethodDescriptor add = HUB.find("add");
        assertEquals(42, add.invoke(hub, add.bind(args("[40,2]"))));
        HubMethodDescriptor primitives = HUB.find("primitives");
        assertEquals("7/8/1.5/true", primitives.invoke(hub, primitives.bind(args("[7,8,1.5,true]"))));
        assertEquals(new Point(1, 2), HUB.find("point").invoke(hub, new Object[] {new Point(1, 2)}));
        assertNull(HUB.find("nothing").invoke(hub, new Object[0]));
        CompletableFuture<?> later = (CompletableFuture<?>) HUB.find("later").invoke(hub, new Object[0]);
        assertEquals("later", later.join());
    }

    @Test
    void invokePropagatesTheMethodsExceptionUnwrapped() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HUB.find("fail").invoke(new BindingHub(), new Object[0]));
        assertEquals("boom", e.getMessage());
    }

    @Test
    void describeNamesClassMethodAndParameterTypes() {
        assertEquals("BindingHub.add(int, int)", HUB.find("add").describe());
        assertTrue(HUB.find("map").describe().endsWith("map(Map)"));
    }
}
