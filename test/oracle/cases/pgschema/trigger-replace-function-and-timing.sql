-- source: pgschema testdata/diff/create_trigger (alter trigger timing, events, statement-level with transition tables)
-- kind: triggers
-- @before
CREATE TABLE accounts (id integer PRIMARY KEY, balance numeric NOT NULL DEFAULT 0);
CREATE TABLE account_audit (account_id integer, changed_at timestamptz DEFAULT now(), op text);
CREATE FUNCTION audit_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO account_audit (account_id, op) VALUES (NEW.id, TG_OP);
    RETURN NEW;
END
$$;
CREATE TRIGGER accounts_audit BEFORE INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION audit_account();
-- @after
CREATE TABLE accounts (id integer PRIMARY KEY, balance numeric NOT NULL DEFAULT 0);
CREATE TABLE account_audit (account_id integer, changed_at timestamptz DEFAULT now(), op text);
CREATE FUNCTION audit_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO account_audit (account_id, op) SELECT id, TG_OP FROM new_rows;
    RETURN NULL;
END
$$;
CREATE TRIGGER accounts_audit AFTER INSERT ON accounts
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_account();
-- @seed
INSERT INTO account_audit (account_id, op) VALUES (1, 'INSERT');
