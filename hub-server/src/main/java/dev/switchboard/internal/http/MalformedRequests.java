package dev.switchboard.internal.http;

import java.io.CharConversionException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpProbe;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.memory.Buffers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses the requests that Grizzly would misread or fail on, right after its HTTP codec and before Tyrus or any
 * handler sees them, and closes their connections, so that nothing the client sent after them is read as a
 * request (RFC 9112 §6.3):
 * <ul>
 * <li>a version other than HTTP/1.0 and HTTP/1.1, which Grizzly would serve as if it were one of them, HTTP/2.0
 * included (this port speaks no HTTP/2): 505;</li>
 * <li>both {@code Content-Length} and {@code Transfer-Encoding}, the shape of request smuggling: 400;</li>
 * <li>a transfer coding other than {@code chunked}: 501, as nginx answers; Grizzly would read {@code xchunked} as
 * no body at all, and the body as the next request; {@code chunked} before another coding or twice, or
 * {@code Transfer-Encoding} in an HTTP/1.0 request: 400;</li>
 * <li>a path that cannot be decoded (invalid or overlong percent-encoding, an encoded slash, dot segments that
 * climb above the root, a NUL): 400, where Grizzly's router would answer 500.</li>
 * </ul>
 */
final class MalformedRequests extends BaseFilter implements AddOn {

    private static final Logger log = LoggerFactory.getLogger(MalformedRequests.class);
    private static final char[] CONTENT_LENGTH = "content-length".toCharArray();
    private static final Attribute<Boolean> LENGTH_DROPPED = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
            MalformedRequests.class.getName() + ".lengthDropped");

    /** Why a request is refused, and with what status. */
    private record Refusal(int status, String reason) {
    }

    /** Right after the codec, before every other filter that reads requests; and listening to the codec. */
    @Override
    public void setup(NetworkListener listener, FilterChainBuilder chain) {
        int codec = chain.indexOfType(HttpServerFilter.class);
        ((HttpServerFilter) chain.get(codec)).getMonitoringConfig().addProbes(new DroppedLengths());
        chain.add(codec + 1, this);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        if (!(ctx.getMessage() instanceof HttpContent content)
                || !(content.getHttpHeader() instanceof HttpRequestPacket request)) {
            return ctx.getInvokeAction();
        }
        if (request.getResponse().isCommitted()) {
            // More of a request that has been answered, and checked before it was.
            return ctx.getInvokeAction();
        }
        Refusal refusal = request.getProtocol() == Protocol.HTTP_1_1 || request.getProtocol() == Protocol.HTTP_1_0
                ? framingError(request) : new Refusal(505, "Only HTTP/1.0 and HTTP/1.1 are served here.");
        if (refusal == null && !decodable(request)) {
            refusal = new Refusal(400, "The request path is not a valid path.");
        }
        return refusal == null ? ctx.getInvokeAction() : refuse(ctx, request, refusal);
    }

    /** Why the request's body cannot be told apart from what follows it; null when it can. */
    private static Refusal framingError(HttpRequestPacket request) {
        if (request.getHeaders().getValue(Header.TransferEncoding) == null) {
            return null;
        }
        if (declaresContentLength(request)) {
            return new Refusal(400, "A request may not have both Content-Length and Transfer-Encoding.");
        }
        if (request.getProtocol() != Protocol.HTTP_1_1) {
            return new Refusal(400, "Transfer-Encoding needs HTTP/1.1.");
        }
        List<String> codings = new ArrayList<>();
        for (String value : request.getHeaders().values(Header.TransferEncoding)) {
            for (String coding : value.split(",")) {
                if (!coding.isBlank()) {
                    codings.add(coding.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        int chunked = Collections.frequency(codings, "chunked");
        if (chunked > 0 && !codings.get(codings.size() - 1).equals("chunked")) {
            return new Refusal(400, "Transfer-Encoding must end with chunked.");
        }
        if (chunked > 1) {
            return new Refusal(400, "Transfer-Encoding must name chunked once.");
        }
        return codings.size() == 1 && chunked == 1 ? null
                : new Refusal(501, "Only the chunked transfer coding is implemented.");
    }

    /** Whether the head has a Content-Length field, though Grizzly may have dropped it. */
    private static boolean declaresContentLength(HttpRequestPacket request) {
        return request.getHeaders().getValue(Header.ContentLength) != null || LENGTH_DROPPED.isSet(request);
    }

    /**
     * Grizzly drops a Content-Length field from the parsed headers when a chunked Transfer-Encoding follows it, so
     * the head's own bytes are read for one. The codec tells of the bytes it is given, then, on the same thread and
     * in the same call, of a head it has parsed from them: by then the buffer ends where the head does.
     */
    private static final class DroppedLengths extends HttpProbe.Adapter {

        /** The bytes the codec was last given on this thread, and where they began. */
        private static final class Received {
            Buffer buffer;
            int start;
        }

        private static final ThreadLocal<Received> RECEIVED = ThreadLocal.withInitial(Received::new);

        @Override
        public void onDataReceivedEvent(Connection connection, Buffer buffer) {
            Received received = RECEIVED.get();
            received.buffer = buffer;
            received.start = buffer.position();
        }

        @Override
        public void onHeaderParseEvent(Connection connection, HttpHeader header, int size) {
            Received received = RECEIVED.get();
            Buffer head = received.buffer;
            received.buffer = null;
            if (head != null && header.isRequest() && header.getHeaders().getValue(Header.TransferEncoding) != null
                    && header.getHeaders().getValue(Header.ContentLength) == null
                    && hasContentLengthLine(head, received.start)) {
                LENGTH_DROPPED.set(header, Boolean.TRUE);
            }
        }
    }

    /** Whether a line of the head from {@code start} to its blank line names Content-Length. */
    private static boolean hasContentLengthLine(Buffer head, int start) {
        int end = head.limit();
        boolean lineStart = false;
        for (int i = start; i < end; i++) {
            byte b = head.get(i);
            if (lineStart) {
                if (b == '\r' || b == '\n') {
                    return false;
                }
                if (namesContentLength(head, i, end)) {
                    return true;
                }
            }
            lineStart = b == '\n';
        }
        return false;
    }

    private static boolean namesContentLength(Buffer head, int at, int end) {
        if (end - at <= CONTENT_LENGTH.length) {
            return false;
        }
        for (int i = 0; i < CONTENT_LENGTH.length; i++) {
            if (Character.toLowerCase(head.get(at + i)) != CONTENT_LENGTH[i]) {
                return false;
            }
        }
        int next = at + CONTENT_LENGTH.length;
        while (next < end && (head.get(next) == ' ' || head.get(next) == '\t')) {
            next++;
        }
        return next < end && head.get(next) == ':';
    }

    /** Whether Grizzly's router can decode the path, as it does before mapping it, and it holds no NUL. */
    private static boolean decodable(HttpRequestPacket request) {
        try {
            DataChunk path = request.getRequestURIRef().getDecodedRequestURIBC(false);
            return path.indexOf('\0', 0) < 0;
        } catch (CharConversionException | IllegalArgumentException | IllegalStateException e) {
            // Grizzly's decoder throws the last two for a truncated or non-hexadecimal escape.
            return false;
        }
    }

    /**
     * Answers with a reason and {@code Connection: close}, closes once that is written, and reads nothing more
     * from the socket.
     */
    private static NextAction refuse(FilterChainContext ctx, HttpRequestPacket request, Refusal refusal) {
        log.debug("Refused a request from {} with {}: {}", ctx.getConnection().getPeerAddress(), refusal.status(),
                refusal.reason());
        byte[] body = refusal.reason().getBytes(StandardCharsets.UTF_8);
        HttpResponsePacket response = request.getResponse();
        response.setStatus(refusal.status());
        response.setContentType("text/plain; charset=utf-8");
        response.setHeader(Header.CacheControl, "no-cache, no-store");
        response.setHeader(Header.Connection, "close");
        response.setContentLength(body.length);
        request.getProcessingState().setKeepAlive(false);
        ctx.write(HttpContent.builder(response).content(Buffers.wrap(ctx.getMemoryManager(), body)).last(true)
                .build());
        ctx.getConnection().closeSilently();
        // As the codec does with a head it cannot parse: the socket is read no more, so whatever followed the
        // request, a request hidden in its body included, is never parsed.
        NextAction suspend = ctx.getSuspendAction();
        ctx.completeAndRecycle();
        return suspend;
    }
}
