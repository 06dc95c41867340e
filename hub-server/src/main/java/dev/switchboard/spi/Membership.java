package dev.switchboard.spi;

/**
 * Told when this server's first connection enters a group or user and when its last one leaves, so that a
 * backplane listens for exactly the groups and users that have members here. Each call is made while the
 * change is being applied, in the order of the changes to that name: it must return at once. Give one to
 * {@link DefaultHubLifetimeManager#DefaultHubLifetimeManager(Membership)}.
 */
public interface Membership {

    /** Needs no listening: a server of its own. */
    Membership NONE = new Membership() {
        @Override
        public void firstMember(Kind kind, String name) {
        }

        @Override
        public void lastMemberGone(Kind kind, String name) {
        }
    };

    /** What a name names. */
    enum Kind {
        /** A group's name. */
        GROUP,
        /** A user's id. */
        USER
    }

    /**
     * The first connection of this server entered the group or is the user's.
     *
     * @param kind what {@code name} names
     * @param name the group's name or the user's id
     */
    void firstMember(Kind kind, String name);

    /**
     * The last connection of this server left the group or was the user's.
     *
     * @param kind what {@code name} names
     * @param name the group's name or the user's id
     */
    void lastMemberGone(Kind kind, String name);
}
