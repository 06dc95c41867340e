package dev.switchboard.soak;

import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The churn soak's hub: groups, sends to groups, users, all and others, a call that answers late and a stream,
 * each counted in a {@link Tally} so that the test can check every connect had its disconnect and every stream
 * its close.
 */
public class SoakHub extends Hub {

    /** What the hub saw, across its transient instances. */
    public static final class Tally {
        final LongAdder connected = new LongAdder();
        final LongAdder disconnected = new LongAdder();
        final LongAdder streamsOpened = new LongAdder();
        final LongAdder streamsClosed = new LongAdder();
    }

    private final Tally tally;

    @Inject
    public SoakHub(Tally tally) {
        this.tally = tally;
    }

    @Override
    public void onConnected() {
        tally.connected.increment();
    }

    @Override
    public void onDisconnected(Throwable exception) {
        tally.disconnected.increment();
    }

    @HubMethod
    public String join(String group) {
        groups().add(context().connectionId(), group);
        clients().othersInGroup(group).send("joined", context().connectionId());
        return group;
    }

    @HubMethod
    public int echo(int value) {
        return value;
    }

    @HubMethod
    public void toGroup(String group, String text) {
        clients().group(group).send("group", text);
    }

    @HubMethod
    public void toUser(String user, String text) {
        clients().user(user).send("user", text);
    }

    @HubMethod
    public void toOthers(String text) {
        clients().others().send("others", text);
    }

    @HubMethod
    public void toAll(String text) {
        clients().all().send("all", text);
    }

    /** Says "started" to the caller, then answers after {@code millis}: the client leaves meanwhile. */
    @HubMethod
    public CompletableFuture<Integer> late(int millis) {
        clients().caller().send("started");
        return new CompletableFuture<Integer>().completeOnTimeout(millis, millis, TimeUnit.MILLISECONDS);
    }

    /** 0 to count - 1, as fast as the client takes them; closed when drained or cancelled. */
    @HubMethod
    public Stream<Integer> numbers(int count) {
        tally.streamsOpened.increment();
        return IntStream.range(0, count).boxed().onClose(tally.streamsClosed::increment);
    }
}
