-- source: pg-schema-diff function_cases_test.go "Alter function used by check constraint" / "Change function signature"
-- kind: functions
-- @before
CREATE FUNCTION is_valid_sku(sku text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT length(sku) BETWEEN 3 AND 12 $$;
CREATE FUNCTION next_ref() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT 'REF-' || floor(random() * 1000)::int $$;
CREATE TABLE items (
    id integer PRIMARY KEY,
    sku text CHECK (is_valid_sku(sku)),
    ref text DEFAULT next_ref()
);
CREATE INDEX items_sku_valid ON items (id) WHERE is_valid_sku(sku);
-- @after
CREATE FUNCTION is_valid_sku(sku text, max_len integer DEFAULT 16) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT length(sku) BETWEEN 3 AND max_len $$;
CREATE FUNCTION next_ref(prefix text DEFAULT 'REF-') RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT prefix || floor(random() * 1000)::int $$;
CREATE TABLE items (
    id integer PRIMARY KEY,
    sku text CHECK (is_valid_sku(sku, 16)),
    ref text DEFAULT next_ref('ITM-')
);
CREATE INDEX items_sku_valid ON items (id) WHERE is_valid_sku(sku, 16);
-- @seed
INSERT INTO items (id, sku, ref) VALUES (1, 'ABC123', 'REF-1'), (2, 'XYZ9', 'REF-2');
