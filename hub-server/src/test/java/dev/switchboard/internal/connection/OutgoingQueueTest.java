package dev.switchboard.internal.connection;

import dev.switchboard.internal.transport.TransportSender;
import dev.switchboard.Transport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.internal.connection.OutgoingQueue.Offer;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.TransferFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutgoingQueueTest {

    private final HeldSender sender = new HeldSender();
    private final AtomicReference<Throwable> sendFailure = new AtomicReference<>();

    private OutgoingQueue queue(int maxBytes) {
        return queue(maxBytes, 1000);
    }

    private OutgoingQueue queue(int maxBytes, int maxMessages) {
        OutgoingQueue queue = new OutgoingQueue(maxBytes, maxMessages, sendFailure::set, Runnable::run);
        queue.attach(sender);
        return queue;
    }

    private static Payload payload(String text) {
        return new Payload(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void offerBeforeAttachIsRefused() {
        OutgoingQueue detached = new OutgoingQueue(1000, 1000, sendFailure::set, Runnable::run);
        assertEquals(Offer.CLOSED, detached.offer(payload("a")));
    }

    @Test
    void firstOfferIsSentAtOnce() {
        OutgoingQueue queue = queue(1000);
        assertEquals(Offer.QUEUED, queue.offer(payload("a")));
        assertEquals(List.of("a"), sender.sent);
        assertEquals(List.of(TransferFormat.TEXT), sender.formats);
    }

    @Test
    void offersDuringASendGoOutTogetherAsOnePayloadInOrder() {
        OutgoingQueue queue = queue(1000);
        queue.offer(payload("a"));
        assertEquals(Offer.QUEUED, queue.offer(payload("b")));
        assertEquals(Offer.QUEUED, queue.offer(payload("c")));
        assertEquals(Offer.QUEUED, queue.offer(payload("d")));
        assertEquals(List.of("a"), sender.sent, "one send in flight at a time");

        sender.completeNext();
        assertEquals(List.of("a", "bcd"), sender.sent);
        sender.completeNext();
        assertEquals(0, sender.inFlight());

        queue.offer(payload("e"));
        assertEquals(List.of("a", "bcd", "e"), sender.sent, "an idle queue sends at once again");
    }

    @Test
    void formatIsPassedToTheSender() {
        OutgoingQueue queue = queue(1000);
        queue.format(TransferFormat.BINARY);
        queue.offer(payload("a"));
        assertEquals(List.of(TransferFormat.BINARY), sender.formats);
    }

    @Test
    void inlineCompletionsKeepOrder() {
        sender.completeInline = true;
        OutgoingQueue queue = queue(1000);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Offer.QUEUED, queue.offer(payload(i + ",")));
        }
        assertEquals(10_000, sender.sent.size());
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            expected.append(i).append(',');
        }
        assertEquals(expected.toString(), String.join("", sender.sent));
    }

    @Test
    void sendThatOffersTheNextPayloadAndCompletesInlineDoesNotRecurse() {
        // Each send queues the next payload and completes before returning: 10,000 nested calls would
        // overflow the stack if completion re-entered the write loop.
        AtomicInteger next = new AtomicInteger();
        List<String> sent = new ArrayList<>();
        AtomicReference<OutgoingQueue> queueRef = new AtomicReference<>();
        OutgoingQueue queue = new OutgoingQueue(1000, 1000, sendFailure::set, Runnable::run);
        queue.attach(new TransportSender() {
            @Override
            public void send(List<Payload> batch, TransferFormat format, Consumer<Throwable> done) {
                Payload payload = Payload.concat(batch);
                sent.add(payload.text());
                int n = next.incrementAndGet();
                if (n < 10_000) {
                    assertEquals(Offer.QUEUED, queueRef.get().offer(payload(Integer.toString(n))));
                }
                done.accept(null);
            }

            @Override
            public Transport type() {
                return Transport.WEB_SOCKETS;
            }

            @Override
            public void abort() {
            }
        });
        queueRef.set(queue);

        queue.offer(payload("0"));
        assertEquals(10_000, sent.size());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Integer.toString(i), sent.get(i));
        }
        assertNull(sendFailure.get());
    }

    @Test
    void offersBeyondMaxBytesWhileASendIsInFlightAreRefusedAsTooManyBytes() {
        OutgoingQueue queue = queue(10);
        queue.offer(payload("12345"));
        assertEquals(Offer.QUEUED, queue.offer(payload("123456")));
        assertEquals(Offer.QUEUED, queue.offer(payload("1234")), "exactly maxBytes waiting is allowed");
        assertEquals(Offer.TOO_MANY_BYTES, queue.offer(payload("1")));

        sender.completeNext();
        assertEquals(List.of("12345", "1234561234"), sender.sent, "the overflowing payload was not queued");
        assertEquals(Offer.QUEUED, queue.offer(payload("abc")), "sent bytes no longer count");
    }

    @Test
    void singlePayloadLargerThanMaxBytesIsAcceptedWhenNothingWaits() {
        OutgoingQueue queue = queue(4);
        assertEquals(Offer.QUEUED, queue.offer(payload("0123456789")));
        assertEquals(Offer.QUEUED, queue.offer(payload("abcdefghij")));
        assertEquals(Offer.TOO_MANY_BYTES, queue.offer(payload("x")));
    }

    @Test
    void offersBeyondMaxMessagesWhileASendIsInFlightAreRefusedAsTooManyMessages() {
        OutgoingQueue queue = queue(1000, 3);
        queue.offer(payload("a"));
        assertEquals(Offer.QUEUED, queue.offer(payload("b")));
        assertEquals(Offer.QUEUED, queue.offer(payload("c")));
        assertEquals(Offer.QUEUED, queue.offer(payload("d")), "exactly maxMessages waiting is allowed");
        assertEquals(Offer.TOO_MANY_MESSAGES, queue.offer(payload("e")));

        sender.completeNext();
        assertEquals(List.of("a", "bcd"), sender.sent, "the refused payload was not queued");
        assertEquals(Offer.QUEUED, queue.offer(payload("f")), "sent messages no longer count");
    }

    @Test
    void theByteBoundIsNamedWhenBothAreBroken() {
        OutgoingQueue queue = queue(3, 1);
        queue.offer(payload("a"));
        queue.offer(payload("b"));
        assertEquals(Offer.TOO_MANY_BYTES, queue.offer(payload("cdef")));
        assertEquals(Offer.TOO_MANY_MESSAGES, queue.offer(payload("c")));
    }

    @Test
    void closeWithDropsWhatWaitsSendsTheLastPayloadBehindTheSendInFlightThenRunsItsAction() {
        OutgoingQueue queue = queue(1000);
        AtomicInteger closed = new AtomicInteger();
        queue.offer(payload("a"));
        queue.offer(payload("b"));
        queue.offer(payload("c"));
        queue.closeWith(payload("close"), closed::incrementAndGet);
        assertEquals(Offer.CLOSED, queue.offer(payload("d")));
        assertEquals(List.of("a"), sender.sent);

        sender.completeNext();
        assertEquals(List.of("a", "close"), sender.sent, "what waited was dropped");
        assertEquals(0, closed.get(), "the last payload is still in flight");
        sender.completeNext();
        assertEquals(1, closed.get());
        queue.closeWith(payload("again"), closed::incrementAndGet);
        assertEquals(List.of("a", "close"), sender.sent, "a closed queue sends nothing more");
    }

    @Test
    void closeWithOnAnIdleQueueSendsTheLastPayloadAtOnce() {
        OutgoingQueue queue = queue(1000);
        AtomicInteger closed = new AtomicInteger();
        queue.closeWith(payload("close"), closed::incrementAndGet);
        assertEquals(List.of("close"), sender.sent);
        sender.completeNext();
        assertEquals(1, closed.get());
    }

    @Test
    void closeAfterDrainRunsOnceThePendingPayloadsWereSentAndRefusesMore() {
        OutgoingQueue queue = queue(1000);
        AtomicInteger drained = new AtomicInteger();
        queue.offer(payload("a"));
        queue.offer(payload("b"));
        queue.closeAfterDrain(drained::incrementAndGet);
        assertEquals(Offer.CLOSED, queue.offer(payload("c")));
        assertEquals(0, drained.get());

        sender.completeNext();
        assertEquals(List.of("a", "b"), sender.sent);
        assertEquals(0, drained.get(), "b is still in flight");

        sender.completeNext();
        assertEquals(1, drained.get());
        queue.closeAfterDrain(drained::incrementAndGet);
        assertEquals(1, drained.get(), "a second close does nothing");
    }

    @Test
    void closeAfterDrainOnAnIdleQueueRunsAtOnce() {
        OutgoingQueue queue = queue(1000);
        AtomicInteger drained = new AtomicInteger();
        queue.closeAfterDrain(drained::incrementAndGet);
        assertEquals(1, drained.get());
        assertEquals(Offer.CLOSED, queue.offer(payload("a")));
        assertTrue(sender.sent.isEmpty());
    }

    @Test
    void closeAfterDrainOnACorkedQueueWaitsForWhatTheCorkHolds() {
        OutgoingQueue queue = queue(1000);
        AtomicInteger drained = new AtomicInteger();
        queue.cork();
        queue.offer(payload("close"));
        queue.closeAfterDrain(drained::incrementAndGet);
        assertEquals(0, drained.get(), "the held Close has not been sent");

        queue.uncork(payload("reply"));
        assertEquals(List.of("replyclose"), sender.sent);
        assertEquals(0, drained.get());
        sender.completeNext();
        assertEquals(1, drained.get());
    }

    @Test
    void closeAfterDrainOnACorkedEmptyQueueRunsOnceUncorked() {
        OutgoingQueue queue = queue(1000);
        AtomicInteger drained = new AtomicInteger();
        queue.cork();
        queue.closeAfterDrain(drained::incrementAndGet);
        assertEquals(0, drained.get());
        queue.uncork(null);
        assertEquals(1, drained.get());
        assertTrue(sender.sent.isEmpty());
    }

    @Test
    void failedSendReportsTheFailureAndDiscardsTheRest() {
        OutgoingQueue queue = queue(1000);
        AtomicInteger drained = new AtomicInteger();
        queue.offer(payload("a"));
        queue.offer(payload("b"));
        queue.closeAfterDrain(drained::incrementAndGet);
        RuntimeException failure = new RuntimeException("socket gone");

        sender.failNext(failure);
        assertSame(failure, sendFailure.get());
        assertEquals(List.of("a"), sender.sent);
        assertEquals(0, drained.get(), "nothing was drained");
        assertEquals(Offer.CLOSED, queue.offer(payload("c")));
        assertEquals(List.of("a"), sender.sent);
    }

    @Test
    void discardDropsPendingPayloadsAndRefusesMore() {
        OutgoingQueue queue = queue(1000);
        queue.offer(payload("a"));
        queue.offer(payload("b"));
        queue.discard();
        sender.completeNext();
        assertEquals(List.of("a"), sender.sent);
        assertEquals(Offer.CLOSED, queue.offer(payload("c")));
    }

    @Test
    void streamsHaveRoomUntilHalfTheBufferWaitsAndHearOfItWhenASendTakesIt() {
        OutgoingQueue queue = queue(100);
        List<String> told = new ArrayList<>();
        assertTrue(queue.hasRoom(() -> told.add("early")));
        queue.offer(payload("a".repeat(30)));
        queue.offer(payload("b".repeat(30)));
        assertTrue(queue.hasRoom(() -> told.add("early")), "30 bytes wait, under the window of 50");
        queue.offer(payload("c".repeat(30)));

        assertFalse(queue.hasRoom(() -> told.add("room")), "60 bytes wait");
        assertEquals(List.of(), told);
        sender.completeNext();
        assertEquals(List.of("room"), told, "told once the next send took what waited");
        assertEquals(2, sender.sent.size());
        assertTrue(queue.hasRoom(() -> told.add("late")));
        sender.completeNext();
        assertEquals(List.of("room"), told, "told only once");
    }

    @Test
    void streamsAlsoPauseAtHalfTheMessageBoundSoThatTinyItemsNeverOverflowIt() {
        OutgoingQueue queue = queue(1000, 4);
        queue.offer(payload("a"));
        assertTrue(queue.hasRoom(() -> { }), "nothing waits behind the send in flight");
        queue.offer(payload("b"));
        assertTrue(queue.hasRoom(() -> { }), "one message waits, under half of 4");
        queue.offer(payload("c"));
        assertFalse(queue.hasRoom(() -> { }), "two wait");
    }

    @Test
    void theWindowNeverPassesSixtyFourKibibytes() {
        OutgoingQueue queue = queue(1024 * 1024);
        queue.offer(payload("a"));
        queue.offer(payload("b".repeat(64 * 1024 - 1)));
        assertTrue(queue.hasRoom(() -> { }));
        queue.offer(payload("c"));
        assertFalse(queue.hasRoom(() -> { }));
    }

    @Test
    void aClosedQueueHasNoRoomAndForgetsWhoWaited() {
        AtomicInteger told = new AtomicInteger();
        OutgoingQueue discarded = queue(100);
        discarded.offer(payload("a"));
        discarded.offer(payload("b".repeat(60)));
        assertFalse(discarded.hasRoom(told::incrementAndGet));
        discarded.discard();
        sender.completeNext();
        assertFalse(discarded.hasRoom(told::incrementAndGet));

        OutgoingQueue closing = queue(100);
        closing.offer(payload("a"));
        closing.offer(payload("b".repeat(60)));
        assertFalse(closing.hasRoom(told::incrementAndGet));
        closing.closeAfterDrain(() -> { });
        sender.completeNext();
        sender.completeNext();
        assertFalse(closing.hasRoom(told::incrementAndGet), "what is still written is all there will be");
        assertEquals(0, told.get());
    }

    @Test
    void aKeepAliveGoesOutOnlyWhenIdleAndWhatIsOfferedMeanwhileFollowsIt() {
        OutgoingQueue queue = queue(1000);
        queue.offer(payload("a"));
        assertFalse(queue.keepAlive(), "a send is in flight");
        sender.completeNext();
        assertTrue(queue.keepAlive());
        assertEquals(List.of("a", ":"), sender.sent);
        assertFalse(queue.keepAlive(), "one at a time");
        queue.offer(payload("b"));
        queue.offer(payload("c"));
        assertEquals(List.of("a", ":"), sender.sent, "never alongside the keep-alive");
        sender.completeNext();
        assertEquals(List.of("a", ":", "bc"), sender.sent);
        sender.completeNext();

        assertTrue(queue.keepAlive());
        List<String> drained = new ArrayList<>();
        queue.closeAfterDrain(() -> drained.add("drained"));
        assertEquals(List.of(), drained, "the keep-alive is still in flight");
        sender.completeNext();
        assertEquals(List.of("drained"), drained);
        assertFalse(queue.keepAlive(), "closed");
        assertNull(sendFailure.get());
    }

    @Test
    void aKeepAliveThatFailsFailsTheConnectionAsASendWould() {
        OutgoingQueue queue = queue(1000);
        assertTrue(queue.keepAlive());
        IllegalStateException gone = new IllegalStateException("the client left");
        sender.failNext(gone);
        assertSame(gone, sendFailure.get());
    }
}
