-- The products the creator marked featured (session events carry them as featuredProductIds), for the dashboard's
-- product list; events written before the field existed leave it empty.
ALTER TABLE analytics_session ADD COLUMN featured_product_ids uuid[] NOT NULL DEFAULT '{}';
