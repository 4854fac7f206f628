-- Read model of sessions (from bazaar.sessions.v1): which rooms exist, their status and creator.
CREATE TABLE session_room (
    session_id  uuid        PRIMARY KEY,
    creator_id  bigint      NOT NULL,
    status      text        NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Chat history, owned by realtime-service.
CREATE TABLE chat_message (
    id          uuid        PRIMARY KEY,
    session_id  uuid        NOT NULL,
    user_id     bigint,
    username    text,
    guest_name  text,
    message     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_message_session_time_idx ON chat_message (session_id, created_at, id);
