package dev.switchboard;

import java.util.List;
import java.util.Map;

/**
 * One HTTP request to a {@link HttpHandler} and the response it fills, named as Javalin's {@code Context}: the
 * one-argument methods read the request, the others set the response. The response is sent when the handler
 * returns: its {@link #status(int) status}, 200 unless set, and its {@link #result(String) result}, empty
 * unless set. Headers and cookies that a before-handler sets reach the response of whatever answers the
 * request after it, negotiate and static files included.
 *
 * <p>The whole request body has been read, within {@link ServerLimits#maxRequestBodySize()}, before any handler
 * runs. One context serves one request on one thread; it is not for use after the handler returns.
 */
public interface HttpContext {

    /** {@return the request's method, such as {@code GET}} */
    String method();

    /** {@return the request's path, percent-decoded, without the query string} */
    String path();

    /**
     * {@return the value of a path parameter of the handler's path, such as {@code id} of {@code /users/{id}},
     * percent-decoded}
     *
     * @param name the parameter's name, without braces
     * @throws IllegalArgumentException when the handler's path has no such parameter
     */
    String pathParam(String name);

    /** {@return every path parameter of the handler's path, by name} */
    Map<String, String> pathParamMap();

    /**
     * {@return the first value of a query parameter, decoded, or null when the query string has none}
     *
     * @param name the parameter's name
     */
    String queryParam(String name);

    /**
     * {@return every value of a query parameter, in order; empty when it has none}
     *
     * @param name the parameter's name
     */
    List<String> queryParams(String name);

    /** {@return every query parameter and its values} */
    Map<String, List<String>> queryParamMap();

    /**
     * {@return a request header, or null when the request has none}
     *
     * @param name the header's name, in any case
     */
    String header(String name);

    /**
     * {@return the value of a cookie the request carries, or null when it has none}
     *
     * @param name the cookie's name
     */
    String cookie(String name);

    /** {@return every cookie the request carries, by name} */
    Map<String, String> cookieMap();

    /** {@return the request body as text, in the charset of its {@code Content-Type}, UTF-8 by default} */
    String body();

    /** {@return the request body's bytes; empty when it has none} */
    byte[] bodyAsBytes();

    /**
     * {@return the request body, read as JSON with the server's {@code ObjectMapper}}
     *
     * @param type what to read it as
     * @param <T> the type
     * @throws IllegalArgumentException when the body is not JSON of that type; uncaught, the request is
     *         answered {@code 400 Bad Request}
     */
    <T> T bodyAsClass(Class<T> type);

    /** {@return the request's {@code Content-Type}, or null when it has none} */
    String contentType();

    /** {@return the address of the client's socket, never a forwarding header's} */
    String ip();

    /**
     * Sets the response's status; 200 unless set.
     *
     * @param code the status code, from 100 to 599
     * @return this context
     */
    HttpContext status(int code);

    /** {@return the response's status as set so far} */
    int status();

    /**
     * Sets a response header, in place of any of that name set before.
     *
     * @param name the header's name
     * @param value its value
     * @return this context
     * @throws IllegalArgumentException for an empty name, or a name or value with a line break
     */
    HttpContext header(String name, String value);

    /**
     * Sets the response's {@code Content-Type}, in place of the one its result implies.
     *
     * @param value the type, such as {@code text/html; charset=utf-8}
     * @return this context
     */
    HttpContext contentType(String value);

    /**
     * Sets a cookie for the whole site, as {@link Cookie#of(String, String)}.
     *
     * @param name the cookie's name
     * @param value its value
     * @return this context
     */
    HttpContext cookie(String name, String value);

    /**
     * Sets a cookie with its attributes.
     *
     * @param cookie the cookie
     * @return this context
     */
    HttpContext cookie(Cookie cookie);

    /**
     * Tells the browser to delete a cookie of the whole site ({@code Path=/}): sets it empty with
     * {@code Max-Age=0}.
     *
     * @param name the cookie's name
     * @return this context
     */
    HttpContext removeCookie(String name);

    /**
     * Sets the response body as UTF-8 text, {@code text/plain} unless a content type is set.
     *
     * @param text the body
     * @return this context
     */
    HttpContext result(String text);

    /**
     * Sets the response body as bytes, {@code application/octet-stream} unless a content type is set.
     *
     * @param bytes the body
     * @return this context
     */
    HttpContext result(byte[] bytes);

    /**
     * Sets the response body to {@code value} as JSON, written with the server's {@code ObjectMapper}, and
     * the content type to {@code application/json}.
     *
     * @param value what to write
     * @return this context
     */
    HttpContext json(Object value);

    /**
     * From a before-handler: answers the request now with this context's status and result, so that no other
     * handler, route, negotiate or static file answers it; {@code ctx.status(403).result("Closed for
     * maintenance").skipRemainingHandlers()} refuses it. From a route, it has nothing left to skip.
     *
     * @return this context
     */
    HttpContext skipRemainingHandlers();
}
