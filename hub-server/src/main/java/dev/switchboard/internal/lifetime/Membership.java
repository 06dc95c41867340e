package dev.switchboard.internal.lifetime;

/**
 * Told when this server's first connection enters a group or user and when its last one leaves, so that a
 * backplane listens for exactly the groups and users that have members here. Each call is made while the
 * change is being applied, in the order of the changes to that name: it must return at once.
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
    enum Kind { GROUP, USER }

    void firstMember(Kind kind, String name);

    void lastMemberGone(Kind kind, String name);
}
