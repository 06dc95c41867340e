package dev.switchboard.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import dev.switchboard.internal.dispatch.HubMethodDescriptor.ResultKind;
import dev.switchboard.internal.dispatch.StreamingReturn.Source;
import dev.switchboard.internal.protocol.JsonMappers;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which hub methods stream, read from their declared return types at start-up, and the type of their items. */
class StreamingReturnTest {

    public record Point(int x, int y) {
    }

    @SuppressWarnings({"rawtypes", "unused"})
    public static class StreamingHub extends Hub {
        @HubMethod
        public Flow.Publisher<Integer> publisher() {
            return null;
        }

        @HubMethod
        public SubmissionPublisher<String> submission() {
            return null;
        }

        @HubMethod
        public Flow.Publisher<? extends Point> wildcard() {
            return null;
        }

        @HubMethod
        public Flow.Publisher raw() {
            return null;
        }

        @HubMethod
        public <T> Flow.Publisher<T> variable() {
            return null;
        }

        @HubMethod
        public Flow.Publisher<Number> numbers() {
            return null;
        }

        @HubMethod
        public Stream<Point> stream() {
            return null;
        }

        @HubMethod
        public IntStream ints() {
            return null;
        }

        @HubMethod
        public Iterator<List<String>> iterator() {
            return null;
        }

        @HubMethod
        public CompletableFuture<Flow.Publisher<String>> later() {
            return null;
        }

        @HubMethod
        public CompletableFuture<List<String>> notStreaming() {
            return null;
        }

        @HubMethod
        public List<String> list() {
            return null;
        }

        @HubMethod
        public Object object() {
            return null;
        }
    }

    private static final ObjectMapper MAPPER = JsonMappers.signalR();
    private static final HubDescriptor HUB = HubDescriptor.of(StreamingHub.class, MAPPER);

    private static StreamingReturn streaming(String method) {
        HubMethodDescriptor descriptor = HUB.find(method);
        assertEquals(ResultKind.STREAM, descriptor.resultKind(), method);
        return descriptor.streaming();
    }

    private static JavaType type(Class<?> raw) {
        return MAPPER.getTypeFactory().constructType(raw);
    }

    @Test
    void publishersStreamTheirTypeArgument() {
        assertEquals(new StreamingReturn(Source.PUBLISHER, false, type(Integer.class)), streaming("publisher"));
        assertEquals(new StreamingReturn(Source.PUBLISHER, false, type(String.class)), streaming("submission"));
    }

    @Test
    void wildcardsGiveTheirBoundRawTypesAndVariablesObject() {
        assertEquals(type(Point.class), streaming("wildcard").itemType());
        assertEquals(type(Object.class), streaming("raw").itemType());
        assertEquals(type(Object.class), streaming("variable").itemType());
    }

    @Test
    void streamsIncludingPrimitiveOnesAndIteratorsStream() {
        assertEquals(new StreamingReturn(Source.BASE_STREAM, false, type(Point.class)), streaming("stream"));
        assertEquals(new StreamingReturn(Source.BASE_STREAM, false, type(Integer.class)), streaming("ints"));
        StreamingReturn iterator = streaming("iterator");
        assertEquals(Source.ITERATOR, iterator.source());
        assertEquals(MAPPER.getTypeFactory().constructCollectionType(List.class, String.class), iterator.itemType());
    }

    @Test
    void aFutureOfAPublisherStreamsOnceItCompletes() {
        StreamingReturn later = streaming("later");
        assertTrue(later.deferred());
        assertEquals(Source.PUBLISHER, later.source());
        assertEquals(type(String.class), later.itemType());
        assertFalse(streaming("publisher").deferred());
    }

    @Test
    void otherReturnTypesDoNotStreamWhateverTheyReturn() {
        assertEquals(ResultKind.FUTURE, HUB.find("notStreaming").resultKind());
        assertEquals(ResultKind.VALUE, HUB.find("list").resultKind());
        assertEquals(ResultKind.VALUE, HUB.find("object").resultKind());
        assertNull(HUB.find("object").streaming());
    }

    @Test
    void onlyFinalItemTypesAreSerializedAsDeclaredSoSubclassesKeepTheirProperties() {
        assertEquals(type(Point.class), streaming("stream").serializedItemType());
        assertEquals(type(Integer.class), streaming("ints").serializedItemType());
        assertNull(streaming("numbers").serializedItemType());
        assertNull(streaming("iterator").serializedItemType());
        assertNull(streaming("raw").serializedItemType());
    }
}
