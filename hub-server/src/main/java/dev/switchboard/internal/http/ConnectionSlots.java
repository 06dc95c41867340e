package dev.switchboard.internal.http;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's connection limit, as slots: a negotiated connection holds one for a while, a connection some
 * transport has taken up holds one until it ends. Each connection's {@link Slot} moves through one state, so
 * that it is counted and given back exactly once whatever order negotiate, the heartbeat, transports and the
 * end of the connection come in.
 */
final class ConnectionSlots {

    private final AtomicInteger taken = new AtomicInteger();
    private final int max;

    /** @param max the most slots taken at once; {@link Integer#MAX_VALUE} for no limit */
    ConnectionSlots(int max) {
        this.max = max;
    }

    /** A slot for a new connection, held from {@code now}; null when every slot is taken. */
    Slot reserve(long now) {
        return take() ? new Slot(now) : null;
    }

    /** How many slots are taken now. */
    int count() {
        return taken.get();
    }

    int max() {
        return max;
    }

    boolean full() {
        return taken.get() >= max;
    }

    private boolean take() {
        int current;
        do {
            current = taken.get();
            if (current >= max) {
                return false;
            }
        } while (!taken.compareAndSet(current, current + 1));
        return true;
    }

    private void giveBack() {
        taken.decrementAndGet();
    }

    /** Where a connection stands with the limit; each state says whether it counts. */
    enum State {
        /** Negotiated, no transport yet: counts until the hold runs out. */
        HELD,
        /** Negotiated and held past the hold with no transport: counts no more, its token still valid. */
        RELEASED,
        /** A transport has taken the connection up: counts until the connection ends. */
        TAKEN,
        /** The connection has ended: counts no more, for good. */
        FREED
    }

    /** What a transport found when it came to take a connection up. */
    enum Claim {
        /** The slot is the transport's: the one held since negotiate, or a free one taken again. */
        CLAIMED,
        /** The hold ran out and every slot is taken now. */
        FULL,
        /** Another transport took the connection up first, or it has ended. */
        GONE
    }

    /** One connection's slot. */
    final class Slot {

        private final AtomicReference<State> state = new AtomicReference<>(State.HELD);
        private final long heldSince;

        private Slot(long heldSince) {
            this.heldSince = heldSince;
        }

        /**
         * Gives the slot back if no transport has claimed it within {@code holdNanos} of negotiate; the connection
         * itself lives on until it expires, and a transport must then claim a slot anew.
         *
         * @return whether it was given back now
         */
        boolean releaseIfHeldPast(long now, long holdNanos) {
            if (now - heldSince > holdNanos && state.compareAndSet(State.HELD, State.RELEASED)) {
                giveBack();
                return true;
            }
            return false;
        }

        /** Whether a claim now would not be refused for the limit: the slot is still held, or one is free. */
        boolean claimable() {
            return state.get() != State.RELEASED || !full();
        }

        /** For the one transport that takes the connection up, before it attaches. */
        Claim claim() {
            while (true) {
                switch (state.get()) {
                    case HELD -> {
                        if (state.compareAndSet(State.HELD, State.TAKEN)) {
                            return Claim.CLAIMED;
                        }
                    }
                    case RELEASED -> {
                        if (!take()) {
                            return Claim.FULL;
                        }
                        if (state.compareAndSet(State.RELEASED, State.TAKEN)) {
                            return Claim.CLAIMED;
                        }
                        // Claimed or freed meanwhile: the slot just taken is not this connection's to keep.
                        giveBack();
                    }
                    case TAKEN, FREED -> {
                        return Claim.GONE;
                    }
                }
            }
        }

        /** The connection has ended: gives back what it holds, once. */
        void free() {
            State previous = state.getAndSet(State.FREED);
            if (previous == State.HELD || previous == State.TAKEN) {
                giveBack();
            }
        }
    }
}
