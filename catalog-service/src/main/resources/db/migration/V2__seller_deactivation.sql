-- Deactivated sellers (user.deactivated on bazaar.users.v1): their products leave the catalog but are kept, so
-- sessions, orders and analytics that refer to them keep their history.
ALTER TABLE seller ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE seller ADD COLUMN deactivated_at timestamptz;

-- A copy of the seller's state on each product, kept by SellerProjection in the same transaction as the seller row,
-- so every public read filters on the product row alone (the search keeps its trigram index plan).
ALTER TABLE product ADD COLUMN seller_active boolean NOT NULL DEFAULT true;
