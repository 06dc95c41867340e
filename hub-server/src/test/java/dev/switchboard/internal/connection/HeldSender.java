package dev.switchboard.internal.connection;

import dev.switchboard.internal.transport.TransportSender;
import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.TransferFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** A transport that records each send and holds it until the test completes it, unless told to complete at once. */
public final class HeldSender implements TransportSender {

    private static final String RS = "\u001e";

    public final List<String> sent = new ArrayList<>();
    public final List<TransferFormat> formats = new ArrayList<>();
    /** The reasons {@link #close(String)} was given. */
    public final List<String> closedWith = new ArrayList<>();
    public int aborts;
    private final ArrayDeque<Consumer<Throwable>> inFlight = new ArrayDeque<>();
    public boolean completeInline;

    @Override
    public void send(List<Payload> batch, TransferFormat format, Consumer<Throwable> done) {
        Payload payload = Payload.concat(batch);
        sent.add(payload.text());
        formats.add(format);
        if (completeInline) {
            done.accept(null);
        } else {
            inFlight.add(done);
        }
    }

    /** Recorded in {@link #sent} as {@code ":"}, and held as a send is. */
    @Override
    public void keepAlive(Consumer<Throwable> done) {
        sent.add(":");
        if (completeInline) {
            done.accept(null);
        } else {
            inFlight.add(done);
        }
    }

    @Override
    public Transport type() {
        return Transport.WEB_SOCKETS;
    }

    @Override
    public void close(String reason) {
        closedWith.add(reason);
    }

    @Override
    public void abort() {
        aborts++;
    }

    public void completeNext() {
        inFlight.remove().accept(null);
    }

    public void failNext(Throwable failure) {
        inFlight.remove().accept(failure);
    }

    /** How many sends are held. */
    public int inFlight() {
        return inFlight.size();
    }

    /** Every record sent so far, in order, without its separator. */
    public List<String> records() {
        return sent.stream().flatMap(unit -> Arrays.stream(unit.split(RS))).toList();
    }
}
