package dev.switchboard;

import static dev.switchboard.testing.RawWebSocket.JSON_HANDSHAKE;
import static dev.switchboard.testing.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawHttp;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Long polling: the official Java client on it, and the poll rules byte by byte. */
class LongPollingTest {

    private TestHub.Recorder recorder;
    private HubServer server;
    private JavaClients clients;
    private RawHttp raw;

    @BeforeEach
    void start() throws Exception {
        Injector injector = Guice.createInjector();
        recorder = injector.getInstance(TestHub.Recorder.class);
        // Polls wait long here, so that a held poll is not answered by its timeout mid-test. Clients of /test
        // keep the default disconnect timeout, so that a loaded machine's slow polls are not taken for a client
        // gone; /impatient's are dropped soon after they stop polling.
        HubOptions options = HubOptions.defaults().withLongPollingPollTimeout(Duration.ofSeconds(20));
        server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector).options(options)
                .hub("/impatient", TestHub.class, options.withDisconnectTimeout(Duration.ofSeconds(2)))
                .build().start();
        clients = new JavaClients(server.port());
        raw = new RawHttp(server.port(), "/test");
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    private HubConnection polling() {
        return clients.connect("/test", builder -> builder.withTransport(TransportEnum.LONG_POLLING));
    }

    @Test
    void theOfficialClientInvokesAndReceivesOverLongPolling() throws Exception {
        HubConnection alice = polling();
        HubConnection bob = polling();
        BlockingQueue<String> toBob = JavaClients.inbox(bob, "msg");
        assertEquals(42, alice.invoke(Integer.class, "add", 40, 2).timeout(10, TimeUnit.SECONDS).blockingGet());
        assertEquals("LONG_POLLING", alice.invoke(String.class, "transport").timeout(10, TimeUnit.SECONDS).blockingGet());
        alice.invoke("toOthers", "over polls").timeout(10, TimeUnit.SECONDS).blockingAwait();
        assertEquals("over polls", Await.next(toBob, "the broadcast"));
        bob.invoke("joinGroup", "g").timeout(10, TimeUnit.SECONDS).blockingAwait();
        alice.invoke("toGroup", "g", "to the group").timeout(10, TimeUnit.SECONDS).blockingAwait();
        assertEquals("to the group", Await.next(toBob, "the group message"));
        String error = assertThrows(com.microsoft.signalr.HubException.class,
                () -> alice.invoke(String.class, "fail", "nope").timeout(10, TimeUnit.SECONDS).blockingGet())
                .getMessage();
        assertEquals("An unexpected error occurred invoking 'fail' on the server. HubException: nope", error);
    }

    @Test
    void messagesBetweenPollsArriveAllAndInOrder() throws Exception {
        HubConnection client = polling();
        List<String> received = new ArrayList<>();
        CompletableFuture<Void> all = new CompletableFuture<>();
        client.on("msg", text -> {
            synchronized (received) {
                received.add(text);
                if (received.size() == 300) {
                    all.complete(null);
                }
            }
        }, String.class);
        client.invoke("numbered", 300).timeout(10, TimeUnit.SECONDS).blockingAwait();
        all.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 300; i++) {
            assertEquals(Integer.toString(i), received.get(i));
        }
    }

    @Test
    void streamsReachTheOfficialClientAndItsCancelReachesThePublisher() throws Exception {
        HubConnection client = polling();
        assertEquals(List.of(0, 1, 2), client.stream(Integer.class, "counter", 3, 0).toList()
                .timeout(10, TimeUnit.SECONDS).blockingGet());
        BlockingQueue<String> items = new LinkedBlockingQueue<>();
        var subscription = client.stream(String.class, "endless", 10).subscribe(items::add);
        Await.next(items, "a first item");
        subscription.dispose();
        assertEquals("endless", Await.next(recorder.cancelled, "the publisher to be cancelled"));
    }

    @Test
    void aFastStreamIsPacedByThePollsInsteadOfOverflowingTheSendBuffer() throws Exception {
        try (HubServer small = HubServer.builder().port(0).hub("/test", TestHub.class)
                .options(HubOptions.defaults().withMaximumSendBufferSize(16 * 1024)).build().start();
             JavaClients others = new JavaClients(small.port())) {
            HubConnection client = others.connect("/test",
                    builder -> builder.withTransport(TransportEnum.LONG_POLLING));
            List<Integer> items = client.stream(Integer.class, "range", 20_000).toList()
                    .timeout(30, TimeUnit.SECONDS).blockingGet();
            assertEquals(IntStream.range(0, 20_000).boxed().collect(Collectors.toList()), items);
        }
    }

    @Test
    void heldPollsHoldNoThread() throws Exception {
        // Far more waiting polls than Grizzly has worker threads (2 per core): were a thread held per poll,
        // the server would stop answering.
        List<String> tokens = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String token = raw.handshaken();
            tokens.add(token);
            held.add(raw.pollAsync(token));
        }
        HubConnection client = polling();
        client.invoke("toOthers", "to every poller").timeout(10, TimeUnit.SECONDS).blockingAwait();
        for (CompletableFuture<HttpResponse<String>> poll : held) {
            HttpResponse<String> answer = poll.get(10, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode());
            assertEquals("{\"type\":1,\"target\":\"msg\",\"arguments\":[\"to every poller\"]}" + RS, answer.body());
        }
        for (String token : tokens) {
            assertEquals(202, raw.delete(token).statusCode());
        }
    }

    @Test
    void stopEndsTheConnectionWithADelete() throws Exception {
        HubConnection client = polling();
        String id = client.getConnectionId();
        // The handshake reply leaves before onConnected runs, and a connection ended in between never reaches
        // the hub, not even its onDisconnected.
        assertEquals(id, Await.next(recorder.connected, "onConnected"));
        BlockingQueue<String> closed = new LinkedBlockingQueue<>();
        client.onClosed(error -> closed.add(error == null ? "clean" : error.getMessage()));
        // The Java client sends DELETE with its poll outstanding and waits for that poll: it needs the 204.
        assertTrue(client.stop().blockingAwait(10, TimeUnit.SECONDS));
        assertEquals(id, Await.next(recorder.disconnected, "onDisconnected"));
        assertEquals("clean", Await.next(closed, "onClosed"));
    }

    @Test
    void theFirstPollIsAnsweredAtOnceThenPollsCarryTheRecords() throws Exception {
        String token = raw.negotiate();
        HttpResponse<String> first = raw.poll(token);
        assertEquals(200, first.statusCode());
        assertEquals("", first.body());
        assertEquals(200, raw.post(token, JSON_HANDSHAKE
                + "{\"type\":1,\"invocationId\":\"1\",\"target\":\"add\",\"arguments\":[1,2]}" + RS).statusCode());
        // Each poll takes whatever is pending: the reply and the completion may come in one poll or two.
        StringBuilder received = new StringBuilder();
        String expected = "{}" + RS + "{\"type\":3,\"invocationId\":\"1\",\"result\":3}" + RS;
        while (received.length() < expected.length()) {
            HttpResponse<String> records = raw.poll(token);
            assertEquals(200, records.statusCode());
            assertEquals("application/octet-stream", records.headers().firstValue("Content-Type").orElseThrow());
            received.append(records.body());
        }
        assertEquals(expected, received.toString());
        assertEquals(202, raw.delete(token).statusCode());
    }

    @Test
    void aPollWithNothingToTakeIsAnsweredEmptyAtThePollTimeout() throws Exception {
        try (HubServer quick = HubServer.builder().port(0).hub("/test", TestHub.class)
                .options(HubOptions.defaults().withLongPollingPollTimeout(Duration.ofMillis(300))).build().start()) {
            RawHttp http = new RawHttp(quick.port(), "/test");
            String token = http.handshaken();
            HttpResponse<String> empty = http.poll(token);
            assertEquals(200, empty.statusCode());
            assertEquals("", empty.body());
            assertEquals(202, http.delete(token).statusCode());
        }
    }

    @Test
    void deleteEndsTheConnectionAndALatePollLearnsItWith204() throws Exception {
        String token = raw.handshaken();
        Await.next(recorder.connected, "onConnected, without which there is no onDisconnected");
        assertEquals(202, raw.delete(token).statusCode());
        assertEquals(204, raw.poll(token).statusCode());
        Await.next(recorder.disconnected, "onDisconnected");
        assertEquals(404, raw.post(token, "{\"type\":6}" + RS).statusCode());
    }

    @Test
    void aClientThatStopsPollingIsDisconnected() throws Exception {
        RawHttp impatient = new RawHttp(server.port(), "/impatient");
        String token = impatient.handshaken();
        Await.next(recorder.disconnected, "the client that stopped polling to be disconnected");
        assertEquals(204, impatient.poll(token).statusCode(), "a poll just after the end is told it is over");
    }

    @Test
    void slowPostBodiesHoldNoThread() throws Exception {
        // More half-sent POSTs than Grizzly has worker threads: each promises 100 bytes and sends 5.
        List<String> tokens = new ArrayList<>();
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                String token = raw.handshaken();
                tokens.add(token);
                Socket socket = new Socket("localhost", server.port());
                socket.getOutputStream().write(("POST /test?id=" + token + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: text/plain\r\nContent-Length: 100\r\n\r\n{\"ty").getBytes());
                stalled.add(socket);
            }
            HubConnection client = polling();
            assertEquals(3, client.invoke(Integer.class, "add", 1, 2).timeout(10, TimeUnit.SECONDS).blockingGet());
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
            // Ended here: the server's close would otherwise wait its grace for polls that never come.
            for (String token : tokens) {
                raw.delete(token);
            }
        }
    }
}
