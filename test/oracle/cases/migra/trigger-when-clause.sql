-- source: migra tests/FIXTURES/triggers
-- kind: triggers
-- @before
CREATE TABLE products (
    id integer PRIMARY KEY,
    price numeric(10,2),
    updated_at timestamptz
);
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER products_touch BEFORE UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
-- @after
CREATE TABLE products (
    id integer PRIMARY KEY,
    price numeric(10,2),
    updated_at timestamptz
);
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER products_touch BEFORE UPDATE OF price ON products
    FOR EACH ROW WHEN (OLD.price IS DISTINCT FROM NEW.price)
    EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER products_insert_touch BEFORE INSERT ON products
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
ALTER TABLE products DISABLE TRIGGER products_insert_touch;
