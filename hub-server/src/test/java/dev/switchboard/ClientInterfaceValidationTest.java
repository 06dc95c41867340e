package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Client interfaces are checked when the server is built: each misuse fails build() naming the method and rule. */
class ClientInterfaceValidationTest {

    private static String refusal(Class<? extends Hub> hub) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HubServer.builder().port(0).hub("/h", hub).build());
        return e.getMessage();
    }

    private static final String PREFIX = "Client interface of hub dev.switchboard.ClientInterfaceValidationTest$";

    /** Every allowed shape, which builds. */
    interface Fine {
        void send(String a, int b);

        CompletableFuture<Void> sendFuture();

        CompletionStage<Void> sendStage();

        CompletableFuture<List<String>> result(String a);

        @ClientMethod("other")
        CompletionStage<int[]> stage();

        String toString();

        default void both() {
            send("a", 1);
        }

        static Fine none() {
            return null;
        }
    }

    @ClientInterface(Fine.class)
    public static class FineHub extends Hub {
    }

    /** A declaration on a superclass counts for its subclasses. */
    public static class InheritingHub extends FineHub {
    }

    @Test
    void everyAllowedShapeBuilds() {
        HubServer.builder().port(0).hub("/fine", FineHub.class).hub("/inheriting", InheritingHub.class).build();
    }

    abstract static class NotAnInterface {
    }

    @ClientInterface(NotAnInterface.class)
    public static class ClassHub extends Hub {
    }

    @Test
    void aClassIsRefused() {
        assertEquals(PREFIX + "ClassHub: dev.switchboard.ClientInterfaceValidationTest$NotAnInterface is not an "
                + "interface; a client interface must be", refusal(ClassHub.class));
    }

    interface ReturnsValue {
        String name();
    }

    @ClientInterface(ReturnsValue.class)
    public static class ValueHub extends Hub {
    }

    @Test
    void aPlainReturnTypeIsRefused() {
        assertEquals(PREFIX + "ValueHub: ReturnsValue.name() returns java.lang.String; a client method returns void, "
                + "CompletableFuture<Void> or CompletionStage<Void> to send, or CompletableFuture<T> or "
                + "CompletionStage<T> for a client result", refusal(ValueHub.class));
    }

    interface RawFuture {
        @SuppressWarnings("rawtypes")
        CompletableFuture raw();
    }

    @ClientInterface(RawFuture.class)
    public static class RawHub extends Hub {
    }

    @Test
    void aRawFutureIsRefused() {
        assertEquals(PREFIX + "RawHub: RawFuture.raw() returns java.util.concurrent.CompletableFuture; a client method "
                + "returns void, CompletableFuture<Void> or CompletionStage<Void> to send, or CompletableFuture<T> or "
                + "CompletionStage<T> for a client result", refusal(RawHub.class));
    }

    interface Wildcard {
        CompletableFuture<?> any();
    }

    @ClientInterface(Wildcard.class)
    public static class WildcardHub extends Hub {
    }

    @Test
    void aWildcardResultIsRefused() {
        assertEquals(PREFIX + "WildcardHub: Wildcard.any() returns java.util.concurrent.CompletableFuture<?>; the "
                + "result of a client method must be a concrete type, not a wildcard or type variable",
                refusal(WildcardHub.class));
    }

    interface Overloaded {
        void message(String text);

        void message(String nick, String text);
    }

    @ClientInterface(Overloaded.class)
    public static class OverloadedHub extends Hub {
    }

    @Test
    void twoMethodsForOneClientMethodAreRefused() {
        String message = refusal(OverloadedHub.class);
        assertEquals(true, message.matches(java.util.regex.Pattern.quote(PREFIX + "OverloadedHub: ")
                + "Overloaded\\.message\\(String(, String)?\\) and Overloaded\\.message\\(String(, String)?\\) both "
                + "call client method 'message'; clients match methods by name, without case, so give each its own "
                + "\\(@ClientMethod renames one\\)"), message);
    }

    interface Renamed {
        void hello();

        @ClientMethod("HELLO")
        void greet();
    }

    @ClientInterface(Renamed.class)
    public static class RenamedHub extends Hub {
    }

    @Test
    void aRenameThatClashesWithoutCaseIsRefused() {
        String message = refusal(RenamedHub.class);
        assertEquals(true, message.contains("both call client method '"), message);
    }

    interface BlankName {
        @ClientMethod(" ")
        void blank();
    }

    @ClientInterface(BlankName.class)
    public static class BlankHub extends Hub {
    }

    @Test
    void aBlankRenameIsRefused() {
        assertEquals(PREFIX + "BlankHub: BlankName.blank(): @ClientMethod must name the client method",
                refusal(BlankHub.class));
    }
}
