/**
 * A catalog oracle written apart from the project's Catalog: it reads the `pg_catalog` rows that
 * define the objects of the user's schemas (every definition through the server's own
 * `pg_get_*def`, every ACL through `aclexplode`, owners, comments, options) and prints each as one
 * line. Two databases holding the same schema print the same lines. Nothing here imports `src/`.
 *
 * Left out on purpose: OIDs, relfilenodes and attnums (column order is physical; no tool reorders
 * columns without a rewrite), statistics, sequence positions, the runner's history schema, and a
 * `pg_attver=` attribute option some server builds stamp on every column with a per-column value.
 */
import type { Queryable } from '../../src/db/index.js';

const SKIP = `'pg_catalog', 'information_schema', 'pg_toast', 'schema_migrations'`;
/** The namespaces judged: every schema but the system's and the runner's own. */
const NS = `(SELECT oid FROM pg_namespace WHERE nspname NOT IN (${SKIP}) AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%')`;
/** Objects that belong to an extension are the extension's, not the schema's. */
const NOT_EXT = (catalog: string, oid = 'o.oid') => `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
const ROLE = (oid: string) => `CASE WHEN ${oid} = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(${oid}) END`;
/** Items joined sorted by their own text. */
const JOINED = (item: string, from: string) => `(SELECT coalesce(string_agg(x.item, ',' ORDER BY x.item), '') FROM (SELECT ${item} AS item FROM ${from}) x)`;
const GRANT = `${ROLE('a.grantee')} || ':' || a.privilege_type || CASE WHEN a.is_grantable THEN '*' ELSE '' END`;
/** An ACL as sorted `grantee:privilege[*]/grantor` items, NULL read as the kind's default. */
const ACL = (acl: string, kind: string, owner: string) =>
  JOINED(`${GRANT} || '/' || ${ROLE('a.grantor')}`, `aclexplode(coalesce(${acl}, acldefault((${kind})::"char", ${owner}))) a`);

/** Each section: a query returning one text column `line` per object. */
export const SECTIONS: Readonly<Record<string, string>> = {
  schemas: `SELECT format('%s owner=%s acl=%s comment=%L', n.nspname, pg_get_userbyid(n.nspowner), ${ACL('n.nspacl', "'n'", 'n.nspowner')}, coalesce(obj_description(n.oid, 'pg_namespace'), '')) AS line
    FROM pg_namespace n WHERE n.oid IN ${NS} AND ${NOT_EXT('pg_namespace', 'n.oid')}`,
  extensions: `SELECT format('%s schema=%s', e.extname, e.extnamespace::regnamespace) AS line FROM pg_extension e WHERE e.extname <> 'plpgsql'`,
  relations: `SELECT format('%s.%s kind=%s persistence=%s owner=%s acl=%s rls=%s force=%s replident=%s options=%s partkey=%s bound=%s partition_of=%s comment=%L view=%L',
      o.relnamespace::regnamespace, o.relname, o.relkind, o.relpersistence, pg_get_userbyid(o.relowner),
      ${ACL('o.relacl', "CASE WHEN o.relkind = 'S' THEN 's' ELSE 'r' END", 'o.relowner')},
      o.relrowsecurity, o.relforcerowsecurity,
      o.relreplident::text || coalesce('(' || (SELECT i.indexrelid::regclass::text FROM pg_index i WHERE i.indrelid = o.oid AND i.indisreplident) || ')', ''),
      ${JOINED('u', 'unnest(o.reloptions) u')},
      CASE WHEN o.relkind = 'p' THEN pg_get_partkeydef(o.oid) ELSE '' END,
      CASE WHEN o.relispartition THEN pg_get_expr(o.relpartbound, o.oid) ELSE '' END,
      coalesce((SELECT string_agg(h.inhparent::regclass::text, ',' ORDER BY h.inhseqno) FROM pg_inherits h WHERE h.inhrelid = o.oid), ''),
      coalesce(obj_description(o.oid, 'pg_class'), ''),
      CASE WHEN o.relkind IN ('v', 'm') THEN pg_get_viewdef(o.oid) ELSE '' END) AS line
    FROM pg_class o WHERE o.relnamespace IN ${NS} AND o.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c') AND ${NOT_EXT('pg_class')}`,
  columns: `SELECT format('%s.%s type=%s notnull=%s default=%L identity=%s generated=%s collation=%s local=%s inherited=%s options=%s acl=%s comment=%L',
      c.attrelid::regclass, c.attname, format_type(c.atttypid, c.atttypmod), c.attnotnull,
      coalesce(pg_get_expr(d.adbin, d.adrelid), ''), c.attidentity, c.attgenerated,
      coalesce((SELECT co.collname FROM pg_collation co WHERE co.oid = c.attcollation AND c.attcollation <> (SELECT t.typcollation FROM pg_type t WHERE t.oid = c.atttypid)), ''),
      c.attislocal, c.attinhcount, ${JOINED('u', `unnest(c.attoptions) u WHERE u NOT LIKE 'pg_attver=%'`)},
      ${JOINED(GRANT, 'aclexplode(c.attacl) a')},
      coalesce(col_description(c.attrelid, c.attnum), '')) AS line
    FROM pg_attribute c JOIN pg_class o ON o.oid = c.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = c.attrelid AND d.adnum = c.attnum
    WHERE o.relnamespace IN ${NS} AND o.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND c.attnum > 0 AND NOT c.attisdropped AND ${NOT_EXT('pg_class')}`,
  constraints: `SELECT format('%s on %s: %s deferrable=%s deferred=%s validated=%s local=%s inherited=%s comment=%L',
      c.conname, CASE WHEN c.conrelid <> 0 THEN c.conrelid::regclass::text ELSE 'type ' || c.contypid::regtype::text END,
      pg_get_constraintdef(c.oid), c.condeferrable, c.condeferred, c.convalidated, c.conislocal, c.coninhcount,
      coalesce(obj_description(c.oid, 'pg_constraint'), '')) AS line
    FROM pg_constraint c WHERE c.connamespace IN ${NS}`,
  indexes: `SELECT format('%s valid=%s replident=%s clustered=%s comment=%L', pg_get_indexdef(i.indexrelid), i.indisvalid, i.indisreplident, i.indisclustered,
      coalesce(obj_description(i.indexrelid, 'pg_class'), '')) AS line
    FROM pg_index i JOIN pg_class o ON o.oid = i.indexrelid WHERE o.relnamespace IN ${NS} AND ${NOT_EXT('pg_class')}`,
  triggers: `SELECT format('%s enabled=%s comment=%L', pg_get_triggerdef(t.oid), t.tgenabled, coalesce(obj_description(t.oid, 'pg_trigger'), '')) AS line
    FROM pg_trigger t JOIN pg_class o ON o.oid = t.tgrelid WHERE o.relnamespace IN ${NS} AND NOT t.tgisinternal`,
  policies: `SELECT format('%s on %s cmd=%s permissive=%s roles=%s using=%L check=%L comment=%L', p.polname, p.polrelid::regclass, p.polcmd, p.polpermissive,
      ${JOINED(ROLE('r'), 'unnest(p.polroles) r')},
      coalesce(pg_get_expr(p.polqual, p.polrelid), ''), coalesce(pg_get_expr(p.polwithcheck, p.polrelid), ''),
      coalesce(obj_description(p.oid, 'pg_policy'), '')) AS line
    FROM pg_policy p JOIN pg_class o ON o.oid = p.polrelid WHERE o.relnamespace IN ${NS}`,
  functions: `SELECT format('%s.%s(%s) kind=%s owner=%s acl=%s comment=%L def=%L', o.pronamespace::regnamespace, o.proname, pg_get_function_identity_arguments(o.oid), o.prokind,
      pg_get_userbyid(o.proowner), ${ACL('o.proacl', "'f'", 'o.proowner')}, coalesce(obj_description(o.oid, 'pg_proc'), ''),
      CASE WHEN o.prokind = 'a' THEN '' ELSE pg_get_functiondef(o.oid) END) AS line
    FROM pg_proc o WHERE o.pronamespace IN ${NS} AND ${NOT_EXT('pg_proc')}`,
  types: `SELECT format('%s kind=%s owner=%s acl=%s base=%s notnull=%s default=%L labels=%s attributes=%s comment=%L', o.oid::regtype, o.typtype, pg_get_userbyid(o.typowner),
      ${ACL('o.typacl', "'T'", 'o.typowner')},
      CASE WHEN o.typtype = 'd' THEN format_type(o.typbasetype, o.typtypmod) ELSE '' END, o.typnotnull, coalesce(o.typdefault, ''),
      coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = o.oid), ''),
      coalesce((SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = o.typrelid AND a.attnum > 0 AND NOT a.attisdropped), ''),
      coalesce(obj_description(o.oid, 'pg_type'), '')) AS line
    FROM pg_type o WHERE o.typnamespace IN ${NS} AND ${NOT_EXT('pg_type')}
      AND (o.typtype IN ('e', 'd', 'r', 'm') OR (o.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = o.typrelid) = 'c'))`,
  sequences: `SELECT format('%s type=%s start=%s increment=%s min=%s max=%s cache=%s cycle=%s owned_by=%s', s.seqrelid::regclass, s.seqtypid::regtype, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
      coalesce((SELECT d.refobjid::regclass || '.' || a.attname || '/' || d.deptype::text FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')), '')) AS line
    FROM pg_sequence s JOIN pg_class o ON o.oid = s.seqrelid WHERE o.relnamespace IN ${NS} AND ${NOT_EXT('pg_class')}`,
  default_privileges: `SELECT format('for %s in %s on %s: %s', pg_get_userbyid(d.defaclrole), coalesce(d.defaclnamespace::regnamespace::text, '*'), d.defaclobjtype,
      ${JOINED(GRANT, 'aclexplode(d.defaclacl) a')}) AS line
    FROM pg_default_acl d`,
  publications: `SELECT format('%s owner=%s all=%s ins=%s upd=%s del=%s trunc=%s viaroot=%s comment=%L', p.pubname, pg_get_userbyid(p.pubowner), p.puballtables, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate, p.pubviaroot,
      coalesce(obj_description(p.oid, 'pg_publication'), '')) AS line FROM pg_publication p`,
  publication_tables: `SELECT format('%s table %s', p.pubname, r.prrelid::regclass) AS line FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid`,
  statistics: `SELECT pg_get_statisticsobjdef(s.oid) AS line FROM pg_statistic_ext s WHERE s.stxnamespace IN ${NS}`,
  rules: `SELECT format('%s on %s: %s', r.rulename, r.ev_class::regclass, pg_get_ruledef(r.oid)) AS line FROM pg_rewrite r JOIN pg_class o ON o.oid = r.ev_class
    WHERE o.relnamespace IN ${NS} AND r.rulename <> '_RETURN'`,
  event_triggers: `SELECT format('%s on %s enabled=%s fn=%s', e.evtname, e.evtevent, e.evtenabled, e.evtfoid::regproc) AS line FROM pg_event_trigger e`,
};

/** PostgreSQL 15 and later add column lists, row filters and schemas to publications. */
const SINCE_15: Readonly<Record<string, string>> = {
  publication_tables: `SELECT format('%s table %s columns=%s where=%L', p.pubname, r.prrelid::regclass,
      coalesce((SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = r.prrelid AND a.attnum = ANY (r.prattrs)), '*'),
      coalesce(pg_get_expr(r.prqual, r.prrelid), '')) AS line FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid`,
  publication_schemas: `SELECT format('%s schema %s', p.pubname, n.pnnspid::regnamespace) AS line FROM pg_publication_namespace n JOIN pg_publication p ON p.oid = n.pnpubid`,
};

export type Snapshot = Readonly<Record<string, readonly string[]>>;

export async function snapshot(db: Queryable): Promise<Snapshot> {
  const [{ major }] = await db.query<{ major: number }>(`SELECT current_setting('server_version_num')::int / 10000 AS major`);
  const sections = { ...SECTIONS, ...(major >= 15 ? SINCE_15 : {}) };
  const out: Record<string, string[]> = {};
  for (const [name, sql] of Object.entries(sections)) {
    const rows = await db.query<{ line: string }>(sql);
    out[name] = rows.map((r) => r.line).sort();
  }
  return out;
}

/** The lines only one side has, per section, prefixed `-` (left) or `+` (right); empty when equal. */
export function snapshotDiff(left: Snapshot, right: Snapshot): string[] {
  const out: string[] = [];
  for (const section of [...new Set([...Object.keys(left), ...Object.keys(right)])].sort()) {
    const l = new Set(left[section] ?? []);
    const r = new Set(right[section] ?? []);
    for (const line of l) if (!r.has(line)) out.push(`${section} - ${line}`);
    for (const line of r) if (!l.has(line)) out.push(`${section} + ${line}`);
  }
  return out;
}
