-- session-service: live sessions, their products, and read models of other contexts (schema "sessions").

-- Trigram search needs pg_trgm. An extension exists once per database and catalog-service may install it too:
-- install it into "public" only when nobody did, and tolerate losing a race with another service's migration.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        BEGIN
            CREATE EXTENSION pg_trgm WITH SCHEMA public;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
END $$;

CREATE TABLE stream_session (
    id                 uuid         PRIMARY KEY,
    title              varchar(200) NOT NULL,
    description        text,
    category           varchar(100),
    tags               text[]       NOT NULL DEFAULT '{}',
    status             varchar(16)  NOT NULL CHECK (status IN ('scheduled', 'live', 'paused', 'ended')),
    stream_url         varchar(2048),
    stream_key         varchar(255),
    agora_channel_name varchar(64)  NOT NULL UNIQUE,
    scheduled_at       timestamptz,
    started_at         timestamptz,
    ended_at           timestamptz,
    creator_id         bigint       NOT NULL,
    creator_username   varchar(50),
    active_product_id  uuid,
    -- lower-cased title, description, category and tags: what text search matches against
    search_text        text         NOT NULL,
    created_at         timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL
);
CREATE INDEX stream_session_creator_idx ON stream_session (creator_id, created_at DESC);
CREATE INDEX stream_session_status_created_idx ON stream_session (status, created_at DESC);
CREATE INDEX stream_session_live_idx ON stream_session (started_at DESC NULLS LAST) WHERE status = 'live';
CREATE INDEX stream_session_upcoming_idx ON stream_session (scheduled_at ASC NULLS LAST, created_at DESC)
    WHERE status = 'scheduled';
CREATE INDEX stream_session_category_idx ON stream_session (lower(category), created_at DESC);
CREATE INDEX stream_session_created_idx ON stream_session (created_at DESC);
CREATE INDEX stream_session_title_idx ON stream_session (lower(title));
CREATE INDEX stream_session_active_product_idx ON stream_session (active_product_id) WHERE active_product_id IS NOT NULL;

CREATE TABLE session_product (
    id            uuid        PRIMARY KEY,
    session_id    uuid        NOT NULL REFERENCES stream_session (id) ON DELETE CASCADE,
    product_id    uuid        NOT NULL,
    featured      boolean     NOT NULL DEFAULT false,
    display_order integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL,
    CONSTRAINT session_product_unique UNIQUE (session_id, product_id)
);
CREATE INDEX session_product_order_idx ON session_product (session_id, display_order, created_at);
CREATE INDEX session_product_product_idx ON session_product (product_id);

-- Read model of bazaar.users.v1: what a session's creator card shows.
CREATE TABLE user_card (
    id         bigint      PRIMARY KEY,
    username   varchar(50) NOT NULL,
    role       varchar(16) NOT NULL,
    created_at timestamptz,
    updated_at timestamptz NOT NULL
);

-- Read model of bazaar.products.v1. A deleted product stays as a tombstone so a late, older event
-- cannot bring it back; every read filters deleted rows out.
CREATE TABLE product_card (
    id             uuid          PRIMARY KEY,
    name           varchar(200)  NOT NULL,
    description    text,
    price          numeric(12,2) NOT NULL,
    original_price numeric(12,2),
    category       varchar(100),
    in_stock       boolean       NOT NULL,
    stock          integer,
    image_url      varchar(2048),
    seller_id      bigint        NOT NULL,
    created_at     timestamptz,
    updated_at     timestamptz   NOT NULL,
    deleted        boolean       NOT NULL DEFAULT false,
    search_text    text          NOT NULL
);
CREATE INDEX product_card_seller_idx ON product_card (seller_id) WHERE NOT deleted;
CREATE INDEX product_card_created_idx ON product_card (created_at DESC) WHERE NOT deleted;

-- Read model of bazaar.session-stats.v1: the newest figures of each session (by "at").
CREATE TABLE session_stats (
    session_id      uuid        PRIMARY KEY,
    current_viewers integer     NOT NULL,
    peak_viewers    integer     NOT NULL,
    total_views     bigint      NOT NULL,
    reactions       bigint      NOT NULL,
    messages        bigint      NOT NULL,
    clicks          bigint      NOT NULL,
    engagement      bigint      NOT NULL,
    at              timestamptz NOT NULL
);
CREATE INDEX session_stats_rank_idx ON session_stats (current_viewers DESC, engagement DESC);

-- Trigram indexes for ILIKE '%...%' search. The operator class lives wherever pg_trgm was installed
-- (normally "public"), so it is looked up rather than assumed.
DO $$
DECLARE
    trgm_schema text;
BEGIN
    SELECT n.nspname INTO trgm_schema
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX stream_session_search_idx ON stream_session USING gin (search_text %I.gin_trgm_ops)',
                   trgm_schema);
    EXECUTE format('CREATE INDEX product_card_search_idx ON product_card USING gin (search_text %I.gin_trgm_ops)',
                   trgm_schema);
END $$;
