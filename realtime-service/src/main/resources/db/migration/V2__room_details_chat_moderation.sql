-- The room read model also keeps what admits room traffic: the session's products (clicks are checked against them),
-- its Agora channel, and a tombstone instead of a hard delete (a late or redelivered older event must not bring a
-- deleted session back).
ALTER TABLE session_room ADD COLUMN product_ids  uuid[]      NOT NULL DEFAULT '{}';
ALTER TABLE session_room ADD COLUMN channel_name text;
ALTER TABLE session_room ADD COLUMN deleted_at   timestamptz;

-- Chat ids are UUIDv7 (they sort by time, bytewise, so ORDER BY id is time order and before=<id> pages).
-- Deleted messages are kept (moderation history) but hidden from history and counts.
ALTER TABLE chat_message ADD COLUMN author_role text;
ALTER TABLE chat_message ADD COLUMN viewer_id   text;
ALTER TABLE chat_message ADD COLUMN deleted_at  timestamptz;
ALTER TABLE chat_message ADD COLUMN deleted_by  bigint;
ALTER TABLE chat_message ALTER COLUMN created_at DROP DEFAULT;
CREATE INDEX chat_message_session_id_idx ON chat_message (session_id, id) WHERE deleted_at IS NULL;
-- slow mode: the author's latest message in the session
CREATE INDEX chat_message_author_time_idx ON chat_message (session_id, viewer_id, created_at DESC);

-- Per-session chat settings, set by the session's creator or an admin. No row = defaults.
CREATE TABLE chat_settings (
    session_id        uuid        PRIMARY KEY,
    slow_mode_seconds integer     NOT NULL DEFAULT 0 CHECK (slow_mode_seconds BETWEEN 0 AND 3600),
    guest_chat        boolean     NOT NULL DEFAULT true,
    updated_by        bigint      NOT NULL,
    updated_at        timestamptz NOT NULL
);

-- Time-outs (until set) and bans (until null) of signed-in users from one session's chat. Lifting keeps the row.
CREATE TABLE chat_restriction (
    id          uuid        PRIMARY KEY,
    session_id  uuid        NOT NULL,
    user_id     bigint      NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('timeout', 'ban')),
    until       timestamptz,
    reason      text,
    created_by  bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    lifted_at   timestamptz,
    lifted_by   bigint,
    CHECK ((kind = 'ban') = (until IS NULL))
);
CREATE INDEX chat_restriction_active_idx ON chat_restriction (session_id, user_id) WHERE lifted_at IS NULL;
