package dev.switchboard;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A hub that asks its clients for results and calls them through typed client interfaces. */
@ClientInterface(ResultsHub.Peer.class)
public class ResultsHub extends Hub {

    /** The client methods this hub calls, typed. */
    public interface Peer {

        /** Sends "msg". */
        void msg(String text);

        /** Sends "notice": renamed on the wire; returns the send's future. */
        @ClientMethod("notice")
        CompletableFuture<Void> note(String text);

        /** Asks for a length: a client result. */
        CompletableFuture<Integer> length(String text);

        /** Calls {@link #msg} in capitals: default methods run as written. */
        default void shout(String text) {
            msg(text.toUpperCase());
        }
    }

    /** Asks the caller for {@code length(text)} and returns its answer plus one, without holding a thread. */
    @HubMethod
    public CompletableFuture<Integer> askCaller(String text) {
        return clients().caller().invoke(Integer.class, "length", text).thenApply(length -> length + 1);
    }

    /** The same, blocking a hub thread while the caller answers. */
    @HubMethod
    public int askCallerBlocking(String text) throws Exception {
        return clients().caller().invoke(Integer.class, "length", text).get(10, TimeUnit.SECONDS) + 1;
    }

    /** Asks the caller through its typed view. */
    @HubMethod
    public CompletableFuture<Integer> askCallerTyped(String text) {
        return clients().caller(Peer.class).length(text);
    }

    /** Asks another connection, by id. */
    @HubMethod
    public CompletableFuture<Integer> askClient(String connectionId, String text) {
        return clients().client(connectionId, Peer.class).length(text);
    }

    @HubMethod
    public CompletableFuture<Void> join(String group) {
        return groups().add(context().connectionId(), group);
    }

    /** Sends {@code text} to {@code target} through the typed view; see {@link TypedClientsTest}. */
    @HubMethod
    public void typed(String target, String text) {
        String self = context().connectionId();
        switch (target) {
            case "caller" -> clients().caller(Peer.class).msg(text);
            case "others" -> clients().others(Peer.class).note(text).join();
            case "othersInGroup" -> clients().othersInGroup("g", Peer.class).msg(text);
            case "all" -> clients().all(Peer.class).shout(text);
            case "allExcept" -> clients().allExcept(List.of(self), Peer.class).msg(text);
            case "client" -> clients().client(self, Peer.class).msg(text);
            case "clients" -> clients().clients(List.of(self), Peer.class).msg(text);
            case "group" -> clients().group("g", Peer.class).msg(text);
            case "groups" -> clients().groups(List.of("g", "h"), Peer.class).msg(text);
            case "groupExcept" -> clients().groupExcept("g", List.of(self), Peer.class).msg(text);
            case "user" -> clients().user("bob", Peer.class).msg(text);
            case "users" -> clients().users(List.of("alice"), Peer.class).msg(text);
            default -> throw new HubException("Unknown target " + target);
        }
    }

    /** Asks every client for a result: a misuse, refused at once. */
    @HubMethod
    public CompletableFuture<Integer> askAll(String text) {
        return clients().all(Peer.class).length(text);
    }
}
