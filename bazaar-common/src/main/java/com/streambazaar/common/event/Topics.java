package com.streambazaar.common.event;

/** Kafka topic names. A breaking change to a topic's events makes a new {@code .v2} topic. */
public final class Topics {

    /** Full user state, keyed by user id (compacted). */
    public static final String USERS = "bazaar.users.v1";
    /** Full product state, keyed by product id (compacted). */
    public static final String PRODUCTS = "bazaar.products.v1";
    /** Session lifecycle and showcase, keyed by session id. */
    public static final String SESSIONS = "bazaar.sessions.v1";
    /** Viewers joining and leaving rooms, and replicas' room heartbeats, keyed by session id. */
    public static final String PRESENCE = "bazaar.presence.v1";
    /** Chat messages and their deletion, keyed by session id. */
    public static final String CHAT = "bazaar.chat.v1";
    /** Reactions, keyed by session id. */
    public static final String REACTIONS = "bazaar.reactions.v1";
    /** Product clicks, keyed by session id. */
    public static final String CLICKS = "bazaar.clicks.v1";
    /** Live figures per session (viewers, engagement, commerce), keyed by session id. */
    public static final String SESSION_STATS = "bazaar.session-stats.v1";
    /**
     * Records a consumer could never process (not an envelope, or data that breaks its contract), set aside so the
     * consumer goes on; keyed like the original record. See {@code DeadLetter}.
     */
    public static final String DEAD_LETTERS = "bazaar.dead-letters.v1";

    private Topics() {
    }
}
