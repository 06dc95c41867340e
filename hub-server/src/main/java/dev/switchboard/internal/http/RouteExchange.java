package dev.switchboard.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.Cookie;
import dev.switchboard.HttpContext;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The {@link HttpContext} of one request on the embedded server: reads the Grizzly request and its body, read
 * whole before; sets headers and cookies on the response at once, so that what answers after a before-handler
 * sends them too, and keeps the status and result until {@link #send()}.
 */
final class RouteExchange implements HttpContext {

    private final Request request;
    private final Response response;
    private final byte[] body;
    private final ObjectMapper mapper;
    private final String path;
    private Map<String, String> pathParams = Map.of();
    private Map<String, List<String>> query;
    private int status = 200;
    private byte[] result = new byte[0];
    private String resultType;
    private String contentType;
    private boolean skipped;

    RouteExchange(Request request, Response response, byte[] body, ObjectMapper mapper, String path) {
        this.request = request;
        this.response = response;
        this.body = body;
        this.mapper = mapper;
        this.path = path;
    }

    /** The path parameters of the handler about to run. */
    void pathParams(Map<String, String> params) {
        this.pathParams = params;
    }

    Request request() {
        return request;
    }

    Response response() {
        return response;
    }

    boolean skipped() {
        return skipped;
    }

    /** Writes the status and result; the headers and cookies are on the response already. */
    void send() throws IOException {
        response.setStatus(status);
        String type = contentType != null ? contentType : resultType;
        if (type != null) {
            response.setContentType(type);
        }
        response.setContentLength(result.length);
        response.getOutputStream().write(result);
    }

    @Override
    public String method() {
        return request.getMethod().getMethodString();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("The handler's path has no parameter {" + name + "}; it has "
                    + pathParams.keySet());
        }
        return value;
    }

    @Override
    public Map<String, String> pathParamMap() {
        return Collections.unmodifiableMap(pathParams);
    }

    @Override
    public String queryParam(String name) {
        return QueryString.first(queryParamMap(), name);
    }

    @Override
    public List<String> queryParams(String name) {
        return queryParamMap().getOrDefault(name, List.of());
    }

    @Override
    public Map<String, List<String>> queryParamMap() {
        if (query == null) {
            query = QueryString.parse(request.getQueryString());
        }
        return query;
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public String cookie(String name) {
        return cookieMap().get(name);
    }

    @Override
    public Map<String, String> cookieMap() {
        Map<String, String> cookies = new LinkedHashMap<>();
        org.glassfish.grizzly.http.Cookie[] sent = request.getCookies();
        if (sent != null) {
            for (org.glassfish.grizzly.http.Cookie cookie : sent) {
                cookies.putIfAbsent(cookie.getName(), cookie.getValue());
            }
        }
        return cookies;
    }

    @Override
    public String body() {
        String encoding = request.getCharacterEncoding();
        Charset charset = StandardCharsets.UTF_8;
        if (encoding != null && Charset.isSupported(encoding)) {
            charset = Charset.forName(encoding);
        }
        return new String(body, charset);
    }

    @Override
    public byte[] bodyAsBytes() {
        return body.clone();
    }

    @Override
    public <T> T bodyAsClass(Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw new BadBody("The request body is not JSON of type " + type.getSimpleName(), e);
        }
    }

    @Override
    public String contentType() {
        return request.getContentType();
    }

    @Override
    public String ip() {
        return request.getRemoteAddr();
    }

    @Override
    public HttpContext status(int code) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("An HTTP status is from 100 to 599, not " + code);
        }
        this.status = code;
        return this;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public HttpContext header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty() || (name + value).chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("A header's name and value have no line breaks: " + name);
        }
        response.setHeader(name, value);
        return this;
    }

    @Override
    public HttpContext contentType(String value) {
        this.contentType = Objects.requireNonNull(value, "value");
        return this;
    }

    @Override
    public HttpContext cookie(String name, String value) {
        return cookie(Cookie.of(name, value));
    }

    @Override
    public HttpContext cookie(Cookie cookie) {
        response.addHeader("Set-Cookie", cookie.headerValue());
        return this;
    }

    @Override
    public HttpContext removeCookie(String name) {
        return cookie(Cookie.of(name, "").withMaxAge(Duration.ZERO));
    }

    @Override
    public HttpContext result(String text) {
        this.result = text.getBytes(StandardCharsets.UTF_8);
        this.resultType = "text/plain; charset=utf-8";
        return this;
    }

    @Override
    public HttpContext result(byte[] bytes) {
        this.result = bytes.clone();
        this.resultType = "application/octet-stream";
        return this;
    }

    @Override
    public HttpContext json(Object value) {
        try {
            this.result = mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getName() + " as JSON", e);
        }
        this.resultType = "application/json";
        return this;
    }

    @Override
    public HttpContext skipRemainingHandlers() {
        skipped = true;
        return this;
    }

    /** A body that {@link #bodyAsClass} cannot read: the client's mistake, answered 400. */
    static final class BadBody extends IllegalArgumentException {
        BadBody(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
