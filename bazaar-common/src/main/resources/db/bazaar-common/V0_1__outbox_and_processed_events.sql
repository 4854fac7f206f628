-- Shared by every service, created in the service's own schema.

-- Transactional outbox: an event row is written in the same transaction as the state change it
-- describes; OutboxRelay sends it to Kafka after commit and deletes it once the broker acknowledged it.
CREATE TABLE outbox_event (
    id              uuid        PRIMARY KEY,           -- the envelope's eventId
    topic           text        NOT NULL,
    event_key       text        NOT NULL,
    payload         text        NOT NULL,              -- the whole envelope as JSON
    -- the insert's own time, not the transaction's start (now()): events of one transaction, and transactions
    -- that waited on a row lock, keep the order in which they were written
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text
);
CREATE INDEX outbox_event_due_idx ON outbox_event (next_attempt_at, created_at);

-- Wakes the relays of this schema as soon as a transaction that wrote events commits
-- (NOTIFY is delivered at commit, never for a rolled-back transaction).
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('bazaar_outbox_' || TG_TABLE_SCHEMA, '');
    RETURN NULL;
END $$;
CREATE TRIGGER outbox_event_inserted AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();

-- Idempotent consumption: an event's effect and its row here commit together,
-- so a redelivered event (same eventId) finds its row and is skipped.
CREATE TABLE processed_event (
    consumer     text        NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_age_idx ON processed_event (processed_at);
