package dev.switchboard;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.internal.http.DaemonThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two users of the official Java client who keep chatting while the fuzzer runs: one over WebSockets, one
 * over long polling, both in one group of the fuzz hub. Every 100 ms a round: one of them, in turn, calls the
 * hub and says something to the group, and both must hear it. Every round that fails is kept, for the test
 * to fail on.
 */
final class ChattingBystanders {

    private static final String GROUP = "bystanders";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<HubConnection> users;
    private final List<BlockingQueue<String>> inboxes;
    private final AtomicInteger rounds = new AtomicInteger();
    private final ScheduledExecutorService pacer =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreads("bystanders-"));

    private ChattingBystanders(List<HubConnection> users, List<BlockingQueue<String>> inboxes) {
        this.users = users;
        this.inboxes = inboxes;
    }

    /**
     * Connects both users to the hub at {@code path}, joins them to the group, and starts the rounds. The
     * WebSocket user pings every second, so the fuzz server's short client timeout never cuts it.
     */
    static ChattingBystanders start(JavaClients clients, String path) {
        HubConnection webSocket = clients.build(path, builder -> builder.withKeepAliveInterval(1000));
        HubConnection longPolling = clients.build(path, builder -> builder.withTransport(TransportEnum.LONG_POLLING));
        List<HubConnection> users = List.of(webSocket, longPolling);
        List<BlockingQueue<String>> inboxes = List.of(JavaClients.inbox(webSocket, "heard"),
                JavaClients.inbox(longPolling, "heard"));
        for (HubConnection user : users) {
            if (!user.start().blockingAwait(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    || !user.invoke("join", GROUP).blockingAwait(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("A bystander could not join the chat");
            }
        }
        ChattingBystanders bystanders = new ChattingBystanders(users, inboxes);
        bystanders.pacer.scheduleWithFixedDelay(bystanders::round, 0, 100, TimeUnit.MILLISECONDS);
        return bystanders;
    }

    /** Stops the rounds, the one under way finished, and returns how many there were. */
    int stopChatting() throws InterruptedException {
        pacer.shutdown();
        if (!pacer.awaitTermination(TIMEOUT.toSeconds() * 4, TimeUnit.SECONDS)) {
            failures.add("a round never ended");
        }
        return rounds.get();
    }

    /** Stops both users' connections. */
    void leave() {
        for (HubConnection user : users) {
            user.stop().blockingAwait(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private void round() {
        int round = rounds.incrementAndGet();
        HubConnection speaker = users.get(round % users.size());
        String who = speaker == users.get(0) ? "the WebSocket user" : "the long-polling user";
        try {
            Integer sum = speaker.invoke(Integer.class, "add", round, 1)
                    .timeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet();
            if (sum != round + 1) {
                failures.add("round " + round + ": " + who + "'s call answered " + sum);
            }
            String text = "round " + round;
            if (!speaker.invoke("say", GROUP, text).blockingAwait(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                failures.add("round " + round + ": " + who + " was not heard out");
            }
            for (int i = 0; i < inboxes.size(); i++) {
                if (!heard(inboxes.get(i), text)) {
                    failures.add("round " + round + ": user " + i + " did not hear " + who);
                }
            }
        } catch (RuntimeException e) {
            failures.add("round " + round + ": " + who + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@code text} arrives in time; what a failed round left late is skipped. */
    private static boolean heard(BlockingQueue<String> inbox, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String message;
        do {
            message = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } while (message != null && !message.equals(text));
        return message != null;
    }
}
