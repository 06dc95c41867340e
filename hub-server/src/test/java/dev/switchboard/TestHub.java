package dev.switchboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A hub with one method per feature the integration tests exercise. */
public class TestHub extends Hub {

    public record Point(int x, int y) {
    }

    public enum Color { RED, GREEN }

    /** What the hubs of one server saw; one per test, since each test builds its own injector. */
    @Singleton
    public static class Recorder {
        final AtomicInteger hubsCreated = new AtomicInteger();
        final BlockingQueue<String> connected = new LinkedBlockingQueue<>();
        final BlockingQueue<String> disconnected = new LinkedBlockingQueue<>();
        final BlockingQueue<String> fireAndForget = new LinkedBlockingQueue<>();
        final List<String> order = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Void> gate = new CompletableFuture<>();
    }

    private final Recorder recorder;

    @Inject
    public TestHub(Recorder recorder) {
        this.recorder = recorder;
        recorder.hubsCreated.incrementAndGet();
    }

    @Override
    public void onConnected() {
        recorder.connected.add(context().connectionId());
    }

    @Override
    public void onDisconnected(Throwable exception) {
        recorder.disconnected.add(context().connectionId());
    }

    // ---- values and binding

    @HubMethod
    public int add(int a, int b) {
        return a + b;
    }

    @HubMethod
    public String echo(String value) {
        return value;
    }

    @HubMethod
    public Point echoPoint(Point point) {
        return point;
    }

    @HubMethod
    public List<Integer> echoList(List<Integer> values) {
        return values;
    }

    @HubMethod
    public Map<String, Integer> echoMap(Map<String, Integer> values) {
        return values;
    }

    @HubMethod
    public Color echoEnum(Color color) {
        return color;
    }

    @HubMethod
    public JsonNode echoNode(JsonNode node) {
        return node;
    }

    @HubMethod
    public Integer echoBoxed(Integer value) {
        return value;
    }

    @HubMethod
    public void doNothing() {
    }

    @HubMethod("renamed")
    public String originalName() {
        return "renamed";
    }

    @HubMethod
    public int hubsCreated() {
        return recorder.hubsCreated.get();
    }

    // ---- futures, errors, order

    @HubMethod
    public CompletableFuture<String> later(String value) {
        return CompletableFuture.supplyAsync(() -> value + "!",
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
    }

    @HubMethod
    public CompletableFuture<Void> laterVoid() {
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
    }

    @HubMethod
    public void fail(String message) {
        throw new HubException(message);
    }

    @HubMethod
    public void crash() {
        throw new IllegalStateException("secret detail");
    }

    @HubMethod
    public CompletableFuture<String> crashLater() {
        return CompletableFuture.failedFuture(new IllegalStateException("async detail"));
    }

    @HubMethod
    public void record(String value) {
        recorder.fireAndForget.add(value);
    }

    /** Appends after a delay, so that a later call would overtake it if calls ran in parallel. */
    @HubMethod
    public CompletableFuture<Void> append(String value, int delayMillis) {
        return CompletableFuture.runAsync(() -> recorder.order.add(value),
                CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
    }

    /** Holds the connection's queue until the test completes the recorder's gate. */
    @HubMethod
    public CompletableFuture<Void> waitAtGate() {
        return recorder.gate;
    }

    @HubMethod
    public List<String> order() {
        return List.copyOf(recorder.order);
    }

    // ---- the caller

    @HubMethod
    public String whoAmI() {
        return context().connectionId();
    }

    @HubMethod
    public Transport transport() {
        return context().transport();
    }

    @HubMethod
    public String user() {
        return context().userIdentifier();
    }

    @HubMethod
    public void remember(String value) {
        context().items().put("remembered", value);
    }

    @HubMethod
    public String recall() {
        return (String) context().items().get("remembered");
    }

    @HubMethod
    public void abort() {
        context().abort();
    }

    // ---- every Clients target, each sends "msg" with a text

    @HubMethod
    public void toAll(String text) {
        clients().all().send("msg", text);
    }

    @HubMethod
    public void toCaller(String text) {
        clients().caller().send("msg", text);
    }

    @HubMethod
    public void toOthers(String text) {
        clients().others().send("msg", text);
    }

    @HubMethod
    public void toClient(String connectionId, String text) {
        clients().client(connectionId).send("msg", text);
    }

    @HubMethod
    public void toClients(List<String> connectionIds, String text) {
        clients().clients(connectionIds).send("msg", text);
    }

    @HubMethod
    public void toAllExcept(List<String> connectionIds, String text) {
        clients().allExcept(connectionIds).send("msg", text);
    }

    @HubMethod
    public void toGroup(String group, String text) {
        clients().group(group).send("msg", text);
    }

    @HubMethod
    public void toGroups(List<String> groups, String text) {
        clients().groups(groups).send("msg", text);
    }

    @HubMethod
    public void toGroupExcept(String group, List<String> connectionIds, String text) {
        clients().groupExcept(group, connectionIds).send("msg", text);
    }

    @HubMethod
    public void toOthersInGroup(String group, String text) {
        clients().othersInGroup(group).send("msg", text);
    }

    @HubMethod
    public void toUser(String user, String text) {
        clients().user(user).send("msg", text);
    }

    @HubMethod
    public void toUsers(List<String> users, String text) {
        clients().users(users).send("msg", text);
    }

    @HubMethod
    public void joinGroup(String group) {
        groups().add(context().connectionId(), group);
    }

    @HubMethod
    public void leaveGroup(String group) {
        groups().remove(context().connectionId(), group);
    }

    /** Broadcasts {@code count} messages of {@code size} characters; returns once all are queued. */
    @HubMethod
    public int flood(int count, int size) {
        String text = "x".repeat(size);
        for (int i = 0; i < count; i++) {
            clients().all().send("msg", text);
        }
        return count;
    }

    /** Sends "0", "1", ... to the caller, one message each. */
    @HubMethod
    public void numbered(int count) {
        for (int i = 0; i < count; i++) {
            clients().caller().send("msg", Integer.toString(i));
        }
    }

    @HubMethod
    public void sendWithArguments() {
        clients().caller().send("many", 1, null, new Point(1, 2), List.of("a"));
    }
}
