-- What the managed schemas hold that the spec cannot express: one row per object and feature.
-- `schema pull` warns about each, so nothing is left out silently. Extension-owned objects are skipped.
WITH rel AS (
  SELECT c.oid, c.relname, c.relkind, c.relpersistence, c.reloptions, c.relreplident, c.relispartition, n.nspname,
         quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qname
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = ANY ($1::text[])
    -- Relations the branches below look at (indexes are read through their tables).
    AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
    AND c.oid NOT IN (SELECT d.objid FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e' AND d.classid = 'pg_catalog.pg_class'::regclass)
),
-- Columns with privileges, a storage other than their type's, a statistics target, or (18) a
-- virtual generation: one pass. Only a variable-length type (attlen -1) can have a storage other
-- than PLAIN, so only those columns look up their type.
odd_att AS (
  SELECT r.oid AS rel, r.relkind, r.qname, a.attnum, a.attname, a.attacl, a.attstattarget, a.attgenerated,
         CASE WHEN a.attlen = -1 AND a.attstorage <> (SELECT t.typstorage FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid)
              THEN a.attstorage END AS odd_storage
  FROM rel r JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid
  WHERE r.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped
    AND (a.attacl IS NOT NULL OR a.attstattarget > 0 OR a.attgenerated = 'v'
         OR (a.attlen = -1 AND a.attstorage <> (SELECT t.typstorage FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid)))
),
-- NOT NULL constraints not yet validated (18), read from the few rows of their kind.
unvalidated_not_null AS MATERIALIZED (
  SELECT con.conrelid, con.conname, con.conkey[1] AS attnum FROM pg_catalog.pg_constraint con WHERE con.contype = 'n' AND NOT con.convalidated
)
SELECT 'table' AS kind, qname AS name, 'UNLOGGED' AS feature FROM rel WHERE relkind IN ('r', 'p') AND relpersistence = 'u'
UNION ALL
-- A table's are the spec's `with:`; a materialized view's are not.
SELECT 'materialized view', r.qname, 'storage parameters (' || array_to_string(r.reloptions, ', ') || ')'
  FROM rel r WHERE r.relkind = 'm' AND r.reloptions IS NOT NULL
UNION ALL
SELECT 'table', r.qname, 'INHERITS (' || string_agg(quote_ident(pn.nspname) || '.' || quote_ident(pc.relname), ', ' ORDER BY i.inhseqno) || ')'
  FROM rel r JOIN pg_catalog.pg_inherits i ON i.inhrelid = r.oid
  JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
  WHERE r.relkind = 'r' AND NOT r.relispartition GROUP BY r.qname
UNION ALL
-- A table's column privileges are the spec's column grants; a view's are not.
SELECT CASE a.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END, a.qname,
       'column privileges (' || string_agg(quote_ident(a.attname) || ': ' || array_to_string(a.attacl, ' '), '; ' ORDER BY a.attnum) || ')'
  FROM odd_att a WHERE a.attacl IS NOT NULL AND a.relkind IN ('v', 'm') GROUP BY a.relkind, a.qname
UNION ALL
-- A publication of every table: its members are not a table's `publications`.
SELECT 'publication', quote_ident(p.pubname), 'FOR ALL TABLES'
  FROM pg_catalog.pg_publication p WHERE p.puballtables
UNION ALL
SELECT 'table', a.qname, 'column ' || quote_ident(a.attname) || ' ' ||
       CASE WHEN a.odd_storage IS NOT NULL THEN 'STORAGE ' || CASE a.odd_storage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END
            ELSE 'STATISTICS ' || a.attstattarget END
  FROM odd_att a WHERE a.relkind IN ('r', 'p') AND (a.odd_storage IS NOT NULL OR a.attstattarget > 0)
UNION ALL
-- PostgreSQL 18: a virtual generated column (the spec's are stored) and a NOT NULL constraint not
-- yet validated (the spec's not_null is a validated one).
SELECT 'table', a.qname, 'column ' || quote_ident(a.attname) || ' GENERATED ALWAYS AS (' || pg_catalog.pg_get_expr(d.adbin, d.adrelid) || ') VIRTUAL'
  FROM odd_att a JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.rel AND d.adnum = a.attnum
  WHERE a.relkind IN ('r', 'p') AND a.attgenerated = 'v'
UNION ALL
SELECT 'table', r.qname, 'column ' || quote_ident(a.attname) || ' NOT NULL NOT VALID (constraint ' || quote_ident(u.conname) || ')'
  FROM unvalidated_not_null u JOIN rel r ON r.oid = u.conrelid
  JOIN pg_catalog.pg_attribute a ON a.attrelid = u.conrelid AND a.attnum = u.attnum
  WHERE r.relkind IN ('r', 'p')
UNION ALL
SELECT 'table', r.qname, 'CLUSTER ON ' || quote_ident(ic.relname)
  FROM rel r JOIN pg_catalog.pg_index i ON i.indrelid = r.oid JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid WHERE i.indisclustered
UNION ALL
SELECT 'index', quote_ident(r.nspname) || '.' || quote_ident(ic.relname), 'storage parameters (' || array_to_string(ic.reloptions, ', ') || ')'
  FROM rel r JOIN pg_catalog.pg_index i ON i.indrelid = r.oid JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid WHERE ic.reloptions IS NOT NULL
    -- Those of a plain index are in the spec (`with:`); those of a key's index are not.
    AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
UNION ALL
SELECT 'trigger', quote_ident(t.tgname) || ' on ' || r.qname,
       CASE WHEN t.tgenabled = 'R' THEN 'ENABLE REPLICA' ELSE 'ENABLE ALWAYS' END
  FROM rel r JOIN pg_catalog.pg_trigger t ON t.tgrelid = r.oid
  WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND t.tgenabled IN ('R', 'A')
UNION ALL
SELECT 'rule', quote_ident(rw.rulename) || ' on ' || r.qname, 'CREATE RULE'
  FROM rel r JOIN pg_catalog.pg_rewrite rw ON rw.ev_class = r.oid WHERE rw.rulename <> '_RETURN'
UNION ALL
SELECT 'foreign table', qname, 'the object' FROM rel WHERE relkind = 'f'
UNION ALL
SELECT CASE t.typtype WHEN 'r' THEN 'range type' WHEN 'b' THEN 'base type' END, quote_ident(n.nspname) || '.' || quote_ident(t.typname), 'the type'
  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  WHERE n.nspname = ANY ($1::text[]) AND (t.typtype = 'r' OR (t.typtype = 'b' AND t.typelem = 0 AND t.typarray <> 0))
    AND t.oid NOT IN (SELECT d.objid FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e' AND d.classid = 'pg_catalog.pg_type'::regclass)
UNION ALL
SELECT CASE p.prokind WHEN 'a' THEN 'aggregate' ELSE 'window function' END,
       quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', 'the function'
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname = ANY ($1::text[]) AND p.prokind IN ('a', 'w')
    AND p.oid NOT IN (SELECT d.objid FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e' AND d.classid = 'pg_catalog.pg_proc'::regclass)
UNION ALL
SELECT 'operator', quote_ident(n.nspname) || '.' || o.oprname || '(' || coalesce(format_type(o.oprleft, NULL), 'NONE') || ', ' || coalesce(format_type(o.oprright, NULL), 'NONE') || ')', 'the operator'
  FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
  WHERE n.nspname = ANY ($1::text[])
    AND o.oid NOT IN (SELECT d.objid FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e' AND d.classid = 'pg_catalog.pg_operator'::regclass)
UNION ALL
SELECT 'statistics', quote_ident(n.nspname) || '.' || quote_ident(s.stxname), 'CREATE STATISTICS'
  FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace WHERE n.nspname = ANY ($1::text[])
UNION ALL
SELECT 'collation', quote_ident(n.nspname) || '.' || quote_ident(co.collname), 'CREATE COLLATION'
  FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace
  WHERE n.nspname = ANY ($1::text[])
    AND co.oid NOT IN (SELECT d.objid FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e' AND d.classid = 'pg_catalog.pg_collation'::regclass)
UNION ALL
SELECT 'text search configuration', quote_ident(n.nspname) || '.' || quote_ident(c.cfgname), 'CREATE TEXT SEARCH CONFIGURATION'
  FROM pg_catalog.pg_ts_config c JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace
  WHERE n.nspname = ANY ($1::text[])
    AND c.oid NOT IN (SELECT d.objid FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e' AND d.classid = 'pg_catalog.pg_ts_config'::regclass)
ORDER BY 1, 2, 3
