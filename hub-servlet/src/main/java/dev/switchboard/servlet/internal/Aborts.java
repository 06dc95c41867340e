package dev.switchboard.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops an HTTP connection at once, for a client that no longer reads. The Servlet API has no such call, so this
 * reaches into the two containers tested, Jetty 12 (ee10) and Tomcat; elsewhere the exchange is only completed, and
 * the container's own write timeout ends the connection.
 */
final class Aborts {

    private static final Logger log = LoggerFactory.getLogger(Aborts.class);

    private Aborts() {
    }

    static void closeConnection(HttpServletRequest request, HttpServletResponse response) {
        try {
            if (jetty(request) || tomcat(response)) {
                return;
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.warn("Could not drop the connection of {}: {}", request.getRemoteAddr(), e.toString());
        }
    }

    private static boolean jetty(HttpServletRequest request) throws ReflectiveOperationException {
        Class<?> type = find(request, "org.eclipse.jetty.ee10.servlet.ServletContextRequest");
        if (type == null) {
            return false;
        }
        Object contextRequest = type.getMethod("getServletContextRequest", jakarta.servlet.ServletRequest.class)
                .invoke(null, request);
        if (contextRequest == null) {
            return false;
        }
        Object channel = type.getMethod("getServletChannel").invoke(contextRequest);
        channel.getClass().getMethod("abort", Throwable.class)
                .invoke(channel, new java.io.IOException("Dropped: the client no longer reads"));
        return true;
    }

    private static boolean tomcat(HttpServletResponse response) throws ReflectiveOperationException {
        if (!response.getClass().getName().equals("org.apache.catalina.connector.ResponseFacade")) {
            return false;
        }
        Field field = response.getClass().getDeclaredField("response");
        field.setAccessible(true);
        Object connectorResponse = field.get(response);
        Object coyote = connectorResponse.getClass().getMethod("getCoyoteResponse").invoke(connectorResponse);
        // The processor behind the response holds the socket: closing its wrapper drops the connection now.
        Field hook = coyote.getClass().getDeclaredField("hook");
        hook.setAccessible(true);
        Object processor = hook.get(coyote);
        Method socket = method(processor.getClass(), "getSocketWrapper");
        socket.setAccessible(true);
        Object wrapper = socket.invoke(processor);
        wrapper.getClass().getMethod("close").invoke(wrapper);
        return true;
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        for (Class<?> at = type; at != null; at = at.getSuperclass()) {
            for (Method method : at.getDeclaredMethods()) {
                if (method.getName().equals(name) && method.getParameterCount() == 0) {
                    return method;
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    private static Class<?> find(Object instance, String name) {
        try {
            return Class.forName(name, false, instance.getClass().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
