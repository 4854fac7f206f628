-- catalog-service schema: products, and the seller read model fed by bazaar.users.v1.

-- Trigram search. An extension exists once per DATABASE and session-service (same database, other schema)
-- needs it too, so it lives in schema public and is installed only when missing; a concurrent install by
-- another service's migration is tolerated.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE EXTENSION pg_trgm WITH SCHEMA public;
    END IF;
EXCEPTION WHEN unique_violation OR duplicate_object THEN
    NULL;
END $$;

CREATE TABLE product (
    id             uuid          PRIMARY KEY,
    name           varchar(200)  NOT NULL CHECK (char_length(name) >= 1),
    description    text,
    price          numeric(12,2) NOT NULL CHECK (price >= 0),
    original_price numeric(12,2)          CHECK (original_price >= 0),
    -- display form (trimmed, inner whitespace collapsed) and its matching key (lower case)
    category       varchar(100),
    category_key   varchar(100),
    in_stock       boolean       NOT NULL,
    stock          integer                CHECK (stock >= 0),
    image_url      varchar(2048),
    seller_id      bigint        NOT NULL,
    created_at     timestamptz   NOT NULL,
    updated_at     timestamptz   NOT NULL,
    CONSTRAINT product_category_key_matches CHECK ((category IS NULL) = (category_key IS NULL)),
    -- a product with stock 0 can never be offered as in stock
    CONSTRAINT product_sold_out_when_no_stock CHECK (stock IS NULL OR stock > 0 OR NOT in_stock)
);

-- own products (newest first), own by category
CREATE INDEX product_seller_created_idx ON product (seller_id, created_at DESC, id DESC);
CREATE INDEX product_seller_category_idx ON product (seller_id, category_key);
-- public search: category filter, sorts
CREATE INDEX product_category_key_idx ON product (category_key);
CREATE INDEX product_created_idx ON product (created_at DESC, id DESC);
CREATE INDEX product_price_idx ON product (price, created_at DESC);
-- free text search: the query filters with ILIKE on exactly this expression (ProductSearchSql.SEARCH_TEXT).
-- fastupdate off: products are written far less often than searched, and a GIN pending list would make every
-- search scan it (the planner then prices the index above a sequential scan).
CREATE INDEX product_search_trgm_idx ON product USING gin (
    (lower(name || ' ' || coalesce(description, '') || ' ' || coalesce(category, ''))) public.gin_trgm_ops)
    WITH (fastupdate = off);

-- Read model of bazaar.users.v1: who the sellers are (order-safe: only a newer updated_at replaces a row).
CREATE TABLE seller (
    id         bigint      PRIMARY KEY,
    username   text        NOT NULL,
    role       text        NOT NULL,
    created_at timestamptz,
    updated_at timestamptz NOT NULL
);
