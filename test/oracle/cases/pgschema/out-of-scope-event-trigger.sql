-- source: pgschema testdata/diff (unsupported object: event trigger)
-- kind: out-of-scope
-- @before
CREATE TABLE ddl_log (id serial PRIMARY KEY, tag text, at timestamptz DEFAULT now());
-- @after
CREATE TABLE ddl_log (id serial PRIMARY KEY, tag text, at timestamptz DEFAULT now());
CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ddl_log (tag) VALUES (tg_tag);
END
$$;
CREATE EVENT TRIGGER track_ddl ON ddl_command_end EXECUTE FUNCTION log_ddl();
