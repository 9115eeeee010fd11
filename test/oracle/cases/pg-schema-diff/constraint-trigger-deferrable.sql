-- source: pg-schema-diff trigger_cases_test.go "Create constraint trigger" / "Alter trigger"
-- kind: triggers
-- @before
CREATE TABLE ledger (id integer PRIMARY KEY, debit numeric NOT NULL DEFAULT 0, credit numeric NOT NULL DEFAULT 0);
CREATE FUNCTION check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT sum(debit) - sum(credit) FROM ledger) < 0 THEN
        RAISE EXCEPTION 'ledger out of balance';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER ledger_balance AFTER INSERT OR UPDATE ON ledger
    FOR EACH ROW EXECUTE FUNCTION check_balanced();
-- @after
CREATE TABLE ledger (id integer PRIMARY KEY, debit numeric NOT NULL DEFAULT 0, credit numeric NOT NULL DEFAULT 0);
CREATE FUNCTION check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT sum(debit) - sum(credit) FROM ledger) < 0 THEN
        RAISE EXCEPTION 'ledger out of balance';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER ledger_balance AFTER INSERT OR UPDATE OR DELETE ON ledger
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_balanced();
CREATE TRIGGER ledger_stmt AFTER TRUNCATE ON ledger
    FOR EACH STATEMENT EXECUTE FUNCTION check_balanced();
-- @seed
INSERT INTO ledger (id, debit, credit) VALUES (1, 100, 0), (2, 0, 40);
