package dev.switchboard;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One call of a hub method, as a {@link HubFilter} sees it.
 *
 * <p>A filter may call {@code next} with a context of its own, for instance with adjusted arguments; the
 * method called is then the one this context names, with these arguments, which must still fit its
 * parameters.
 *
 * @param hub the hub instance the method runs on, already given its clients, groups and context
 * @param context the calling connection
 * @param hubMethodName the name clients invoke the method by: its Java name or its {@link HubMethod} name
 * @param hubMethod the Java method that runs
 * @param arguments the arguments bound from the client's call, in parameter order; unmodifiable, and may
 *        hold nulls
 */
public record HubInvocationContext(Hub hub, HubCallerContext context, String hubMethodName, Method hubMethod,
                                   List<Object> arguments) {

    /**
     * Checks the parts and keeps an unmodifiable copy of {@code arguments}.
     *
     * @param hub the hub instance the method runs on
     * @param context the calling connection
     * @param hubMethodName the name clients invoke the method by
     * @param hubMethod the Java method that runs
     * @param arguments the arguments, in parameter order; may hold nulls
     */
    public HubInvocationContext {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(hubMethodName, "hubMethodName");
        Objects.requireNonNull(hubMethod, "hubMethod");
        // List.copyOf refuses nulls, which are valid arguments.
        arguments = Collections.unmodifiableList(Arrays.asList(arguments.toArray()));
    }
}
