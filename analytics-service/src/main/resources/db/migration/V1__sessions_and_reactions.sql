-- Read model of sessions (from bazaar.sessions.v1): ownership and status for every figure.
CREATE TABLE analytics_session (
    session_id  uuid        PRIMARY KEY,
    creator_id  bigint      NOT NULL,
    title       text,
    status      text        NOT NULL,
    started_at  timestamptz,
    ended_at    timestamptz,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX analytics_session_creator_idx ON analytics_session (creator_id);

-- Reaction tallies per session and type (from bazaar.reactions.v1); exact, one row per pair.
CREATE TABLE reaction_tally (
    session_id  uuid    NOT NULL,
    type        text    NOT NULL,
    count       bigint  NOT NULL,
    PRIMARY KEY (session_id, type)
);
