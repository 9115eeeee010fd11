-- source: supabase/pg-delta tests/integration/mixed-objects.test.ts (ownership changes)
-- kind: owners
-- @before
CREATE SCHEMA inventory;
CREATE TYPE inventory.unit AS ENUM ('each', 'kg');
CREATE TABLE inventory.items (id bigserial PRIMARY KEY, sku text NOT NULL UNIQUE, unit inventory.unit NOT NULL DEFAULT 'each');
CREATE VIEW inventory.item_skus AS SELECT id, sku FROM inventory.items;
CREATE FUNCTION inventory.sku_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM inventory.items $$;
-- @after
CREATE SCHEMA inventory AUTHORIZATION app_owner;
CREATE TYPE inventory.unit AS ENUM ('each', 'kg');
ALTER TYPE inventory.unit OWNER TO app_owner;
CREATE TABLE inventory.items (id bigserial PRIMARY KEY, sku text NOT NULL UNIQUE, unit inventory.unit NOT NULL DEFAULT 'each');
ALTER TABLE inventory.items OWNER TO app_owner;
CREATE VIEW inventory.item_skus AS SELECT id, sku FROM inventory.items;
ALTER VIEW inventory.item_skus OWNER TO app_owner;
CREATE FUNCTION inventory.sku_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM inventory.items $$;
ALTER FUNCTION inventory.sku_count() OWNER TO app_owner;
