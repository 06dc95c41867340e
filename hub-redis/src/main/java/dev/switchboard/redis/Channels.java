package dev.switchboard.redis;

/**
 * The Redis channels of one hub, all under {@code PREFIX:HUB:}, where HUB is the hub's class name: {@code all},
 * {@code group:NAME}, {@code user:ID}, {@code connection:ID}, and {@code server:ID} for the answers a server
 * waits for.
 *
 * @param hub the start of every channel of the hub, {@code PREFIX:HUB:}
 */
record Channels(String hub) {

    static final String ALL = "all";
    static final String GROUP = "group:";
    static final String USER = "user:";
    static final String CONNECTION = "connection:";
    static final String SERVER = "server:";

    static Channels of(String prefix, Class<?> hubType) {
        return new Channels(prefix + ":" + hubType.getName() + ":");
    }

    String all() {
        return hub + ALL;
    }

    String group(String name) {
        return hub + GROUP + name;
    }

    String user(String id) {
        return hub + USER + id;
    }

    String connection(String id) {
        return hub + CONNECTION + id;
    }

    String server(String id) {
        return hub + SERVER + id;
    }
}
