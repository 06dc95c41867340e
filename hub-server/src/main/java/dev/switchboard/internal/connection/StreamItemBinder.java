package dev.switchboard.internal.connection;

/**
 * Binds one item a client uploads (a parsed JSON value) to the item type of the hub parameter that
 * receives it; resolved once at start-up for each upload parameter.
 */
@FunctionalInterface
public interface StreamItemBinder {

    /**
     * The item as the hub reads it.
     *
     * @throws IllegalArgumentException when the item does not fit, with a message safe to show the client
     */
    Object bind(Object item);
}
