package dev.switchboard.internal.dispatch;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.stream.BaseStream;

/**
 * What a streaming hub method returns, read once at start-up from its declared return type: a
 * {@link Flow.Publisher}, a {@link BaseStream} ({@code Stream<T>}, {@code IntStream}, ...) or an
 * {@link Iterator}, possibly inside a {@link CompletionStage}; and the type of its items. As in SignalR,
 * the declared type decides: a method declared to return {@code Object} is not streaming, whatever it
 * returns.
 *
 * @param source how the returned value becomes a publisher
 * @param deferred whether the value comes inside a {@code CompletionStage}
 * @param itemType the declared item type: a wildcard gives its upper bound, a raw type or a type
 *        variable {@code Object}
 */
record StreamingReturn(Source source, boolean deferred, JavaType itemType) {

    /** The kinds of streams a hub method can return. */
    enum Source { PUBLISHER, BASE_STREAM, ITERATOR }

    /** The streaming return of a method declared to return {@code type}, or null when it does not stream. */
    static StreamingReturn of(Type type, TypeFactory types) {
        JavaType returned = types.constructType(type);
        if (returned.isTypeOrSubTypeOf(CompletionStage.class)) {
            StreamingReturn inner = direct(returned.findTypeParameters(CompletionStage.class), types);
            return inner == null ? null : new StreamingReturn(inner.source, true, inner.itemType);
        }
        return direct(new JavaType[] {returned}, types);
    }

    private static StreamingReturn direct(JavaType[] candidate, TypeFactory types) {
        if (candidate.length != 1) {
            return null;
        }
        JavaType type = candidate[0];
        if (type.isTypeOrSubTypeOf(Flow.Publisher.class)) {
            return new StreamingReturn(Source.PUBLISHER, false, itemType(type, Flow.Publisher.class, types));
        }
        if (type.isTypeOrSubTypeOf(BaseStream.class)) {
            return new StreamingReturn(Source.BASE_STREAM, false, itemType(type, BaseStream.class, types));
        }
        if (type.isTypeOrSubTypeOf(Iterator.class)) {
            return new StreamingReturn(Source.ITERATOR, false, itemType(type, Iterator.class, types));
        }
        return null;
    }

    private static JavaType itemType(JavaType type, Class<?> streamType, TypeFactory types) {
        JavaType[] parameters = type.findTypeParameters(streamType);
        return parameters.length == 0 ? types.constructType(Object.class) : parameters[0];
    }

    /**
     * The type items are serialized as: the declared one when it is final, which fixes their serializer
     * once; otherwise null, for their runtime type, as .NET does, so that a subclass keeps its properties.
     */
    JavaType serializedItemType() {
        Class<?> raw = itemType.getRawClass();
        return Modifier.isFinal(raw.getModifiers()) && !raw.isArray() ? itemType : null;
    }

    /** The value a call returned (not null, and not the stage around it) as a publisher. */
    Flow.Publisher<?> toPublisher(Object value, Executor executor) {
        return switch (source) {
            case PUBLISHER -> (Flow.Publisher<?>) value;
            case BASE_STREAM -> {
                BaseStream<?, ?> stream = (BaseStream<?, ?>) value;
                yield new IteratorPublisher(stream.iterator(), stream, executor);
            }
            case ITERATOR -> {
                Iterator<?> iterator = (Iterator<?>) value;
                yield new IteratorPublisher(iterator, iterator instanceof AutoCloseable closeable ? closeable : null,
                        executor);
            }
        };
    }
}
