-- source: pgschema testdata/diff (unsupported object: user-defined aggregate and operator)
-- kind: out-of-scope
-- @before
CREATE FUNCTION text_concat_step(acc text, val text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN acc IS NULL THEN val ELSE acc || ',' || val END $$;
-- @after
CREATE FUNCTION text_concat_step(acc text, val text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN acc IS NULL THEN val ELSE acc || ',' || val END $$;
CREATE AGGREGATE comma_join(text) (SFUNC = text_concat_step, STYPE = text);
CREATE OPERATOR ||| (LEFTARG = text, RIGHTARG = text, FUNCTION = text_concat_step);
