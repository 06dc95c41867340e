package dev.switchboard.redis;

import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Every {@code Clients} target, group change and client result as a method; each send returns its future, so
 * that a call completes once Redis has taken what it published, and a later call's messages come after it.
 */
public class ScaleOutHub extends Hub {

    @HubMethod
    public String whoAmI() {
        return context().connectionId();
    }

    @HubMethod
    public CompletableFuture<Void> toAll(String text) {
        return clients().all().send("msg", text);
    }

    @HubMethod
    public CompletableFuture<Void> toCaller(String text) {
        return clients().caller().send("msg", text);
    }

    @HubMethod
    public CompletableFuture<Void> toOthers(String text) {
        return clients().others().send("msg", text);
    }

    @HubMethod
    public CompletableFuture<Void> toClient(String connectionId, String text) {
        return clients().client(connectionId).send("msg", text);
    }

    @HubMethod
    public CompletableFuture<Void> toClients(List<String> connectionIds, String text) {
        return clients().clients(connectionIds).send("msg", text);
    }

    @HubMethod
    public CompletableFuture<Void> toAllExcept(List<String> connectionIds, String text) {
        return clients().allExcept(connectionIds).send("msg", text);
    }

    @HubMethod
    public CompletableFuture<Void> toGroup(String group, String text) {
        return clients().group(group).send("msg", text);
    }

    @HubMethod
    public CompletableFuture<Void> toGroups(List<String> groups, String text) {
        return clients().groups(groups).send("msg", text);
    }

    @HubMethod
    public CompletableFuture<Void> toGroupExcept(String group, List<String> connectionIds, String text) {
        return clients().groupExcept(group, connectionIds).send("msg", text);
    }

    @HubMethod
    public CompletableFuture<Void> toOthersInGroup(String group, String text) {
        return clients().othersInGroup(group).send("msg", text);
    }

    @HubMethod
    public CompletableFuture<Void> toUser(String user, String text) {
        return clients().user(user).send("msg", text);
    }

    @HubMethod
    public CompletableFuture<Void> toUsers(List<String> users, String text) {
        return clients().users(users).send("msg", text);
    }

    @HubMethod
    public CompletableFuture<Void> addToGroup(String connectionId, String group) {
        return groups().add(connectionId, group);
    }

    @HubMethod
    public CompletableFuture<Void> removeFromGroup(String connectionId, String group) {
        return groups().remove(connectionId, group);
    }

    /**
     * Asks another connection, wherever it is, and returns its answer: a client result across servers. A failure
     * is returned as its type and message, which the caller checks.
     */
    @HubMethod
    public CompletableFuture<String> ask(String connectionId, String question) {
        return clients().client(connectionId).<String>invoke(String.class, "answer", question)
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
                });
    }

    /** Streams 1..count to the caller. */
    @HubMethod
    public Stream<Integer> count(int count) {
        return IntStream.rangeClosed(1, count).boxed();
    }
}
