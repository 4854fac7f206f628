-- Everything the figures of METRICS.md need, kept at ingest so that no request scans raw events.

-- The session read model gains what the dashboards show.
ALTER TABLE analytics_session
    ADD COLUMN creator_username  text,
    ADD COLUMN product_ids       uuid[] NOT NULL DEFAULT '{}',
    ADD COLUMN active_product_id uuid,
    ADD COLUMN created_at        timestamptz;

-- Product names for conversion stats (bazaar.products.v1, order-safe by updated_at; deleted = tombstone).
CREATE TABLE product_card (
    product_id  uuid        PRIMARY KEY,
    name        text        NOT NULL,
    deleted     boolean     NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL
);

-- Views: a viewer's stays merged by the 30-second rejoin rule, recomputed from the stays whenever they change.
-- joined_at/raw_end: the merged stays (raw_end null = one of them still open); start_at/end_at: clipped to the live
-- interval (end_at null = open); watch_ms = end_at - start_at for closed views; replicas: where its open stays are.
-- Keyed by start so that new views land at the end of the index (and the history reads it backwards).
CREATE TABLE session_view (
    session_id  uuid        NOT NULL,
    start_at    timestamptz NOT NULL,
    view_id     uuid        NOT NULL,
    viewer_id   text        NOT NULL,
    user_id     bigint,
    username    text,
    joined_at   timestamptz NOT NULL,
    raw_end     timestamptz,
    end_at      timestamptz,
    watch_ms    bigint      NOT NULL DEFAULT 0,
    stays       integer     NOT NULL,
    replicas    text[],
    PRIMARY KEY (session_id, start_at, view_id)
);
-- the sweep of one minute (ends), and the views a new end of the live interval clips
CREATE INDEX session_view_end ON session_view (session_id, end_at);
-- exact percentiles: the values within one second of watch time
CREATE INDEX session_view_watch ON session_view (session_id, watch_ms) WHERE end_at IS NOT NULL;
-- views with a stay still open: who is watching now, and what a dead replica leaves behind
CREATE INDEX session_view_open ON session_view (session_id, start_at) WHERE raw_end IS NULL;

-- One row per viewer identity per session: their stays (each connection's join and leave, encoded; either end may
-- arrive first) and what their views and interactions add up to. Locking it is what lets one transaction at a time
-- recompute the viewer's views. open_start_sum_ms: sum of the open views' start instants (epoch ms), so live watch
-- time needs no scan.
CREATE TABLE session_viewer (
    session_id        uuid    NOT NULL,
    viewer_id         text    NOT NULL,
    user_id           bigint,
    username          text,
    stays             bytea,
    views             integer NOT NULL DEFAULT 0,
    open_views        integer NOT NULL DEFAULT 0,
    closed_watch_ms   bigint  NOT NULL DEFAULT 0,
    open_start_sum_ms bigint  NOT NULL DEFAULT 0,
    messages          integer NOT NULL DEFAULT 0,
    reactions         integer NOT NULL DEFAULT 0,
    clicks            integer NOT NULL DEFAULT 0,
    engaged           boolean NOT NULL DEFAULT false,
    PRIMARY KEY (session_id, viewer_id)
);

-- Stays closed by the death of their replica and not left since: if the replica is heard from again, they reopen.
CREATE TABLE lost_stay (
    replica_id  text NOT NULL,
    session_id  uuid NOT NULL,
    viewer_id   text NOT NULL,
    PRIMARY KEY (replica_id, session_id, viewer_id)
);

-- Per-minute rollup. joins/leaves: views that began/ended in the minute; messages, reactions, clicks likewise.
-- Concurrency, exact: conc_net = net change of open views within the minute, conc_at_start = net change at exactly
-- the minute's first instant, peak_local = highest running net within the minute (reached first at peak_local_at),
-- conc_last_at = the minute's latest concurrency instant (appends after it are folded in; anything else re-sweeps the
-- minute from the views' start and end instants).
CREATE TABLE minute_rollup (
    session_id     uuid        NOT NULL,
    minute         timestamptz NOT NULL,
    joins          integer     NOT NULL DEFAULT 0,
    leaves         integer     NOT NULL DEFAULT 0,
    messages       integer     NOT NULL DEFAULT 0,
    reactions      integer     NOT NULL DEFAULT 0,
    clicks         integer     NOT NULL DEFAULT 0,
    conc_net       integer     NOT NULL DEFAULT 0,
    conc_at_start  integer     NOT NULL DEFAULT 0,
    peak_local     integer,
    peak_local_at  timestamptz,
    conc_last_at   timestamptz,
    PRIMARY KEY (session_id, minute)
);

-- Closed views by whole second of watch time (retention buckets; locating a percentile's second).
CREATE TABLE watch_second (
    session_id  uuid    NOT NULL,
    second      integer NOT NULL,
    views       integer NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, second)
);

-- Session-wide sums, kept by delta.
CREATE TABLE session_totals (
    session_id        uuid   PRIMARY KEY,
    views             bigint NOT NULL DEFAULT 0,
    open_views        bigint NOT NULL DEFAULT 0,
    closed_watch_ms   bigint NOT NULL DEFAULT 0,
    open_start_sum_ms bigint NOT NULL DEFAULT 0,
    unique_viewers    bigint NOT NULL DEFAULT 0,
    signed_in_viewers bigint NOT NULL DEFAULT 0,
    engaged_viewers   bigint NOT NULL DEFAULT 0,
    unique_clickers   bigint NOT NULL DEFAULT 0,
    messages          bigint NOT NULL DEFAULT 0,
    reactions         bigint NOT NULL DEFAULT 0,
    clicks            bigint NOT NULL DEFAULT 0,
    peak              integer NOT NULL DEFAULT 0,
    peak_at           timestamptz
);

-- Chat messages (ids only, no text): deletions find what they take back; chat per minute reads the last minute.
-- A deletion seen before its message leaves a tombstone (at null, deleted true).
CREATE TABLE chat_message (
    message_id  uuid        PRIMARY KEY,
    session_id  uuid        NOT NULL,
    viewer_id   text,
    at          timestamptz,
    deleted     boolean     NOT NULL DEFAULT false
);
CREATE INDEX chat_message_recent ON chat_message (session_id, at);

-- Product clicks: every click (for the 5-minute trending window), clickers per product, tallies.
CREATE TABLE product_click (
    session_id  uuid        NOT NULL,
    at          timestamptz NOT NULL,
    product_id  uuid        NOT NULL,
    viewer_id   text        NOT NULL
);
CREATE INDEX product_click_recent ON product_click (session_id, at);

CREATE TABLE product_clicker (
    session_id  uuid    NOT NULL,
    product_id  uuid    NOT NULL,
    viewer_id   text    NOT NULL,
    clicks      integer NOT NULL,
    PRIMARY KEY (session_id, product_id, viewer_id)
);

CREATE TABLE product_click_tally (
    session_id      uuid   NOT NULL,
    product_id      uuid   NOT NULL,
    clicks          bigint NOT NULL DEFAULT 0,
    unique_clickers bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, product_id)
);

-- Realtime replicas: the last instant each was known alive (event time of its heartbeats and presence events), when
-- we last heard from it (our clock), and when it was declared dead (its open stays were closed at last_seen_at).
CREATE TABLE realtime_replica (
    replica_id    text        PRIMARY KEY,
    last_seen_at  timestamptz NOT NULL,
    heard_at      timestamptz NOT NULL DEFAULT now(),
    dead_at       timestamptz
);

-- Creator-wide distinct viewers and clickers: in how many of the creator's sessions each identity appears.
CREATE TABLE creator_viewer (
    creator_id  bigint  NOT NULL,
    viewer_id   text    NOT NULL,
    sessions    integer NOT NULL,
    PRIMARY KEY (creator_id, viewer_id)
);
CREATE TABLE creator_clicker (
    creator_id  bigint  NOT NULL,
    viewer_id   text    NOT NULL,
    sessions    integer NOT NULL,
    PRIMARY KEY (creator_id, viewer_id)
);
CREATE TABLE creator_totals (
    creator_id       bigint PRIMARY KEY,
    unique_viewers   bigint NOT NULL DEFAULT 0,
    unique_clickers  bigint NOT NULL DEFAULT 0
);

-- Which replica publishes session-stats now (a lease renewed every tick; another replica takes over when it lapses).
CREATE TABLE publisher_lease (
    name        text        PRIMARY KEY,
    holder      text        NOT NULL,
    expires_at  timestamptz NOT NULL
);
