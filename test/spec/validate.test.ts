import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/index.js';
import { validateSpec } from '../../src/rules/index.js';
import { specDir } from './helpers.js';

const CONFIG = { exposed_schemas: ['public'], preset: 'supabase' } as const;

async function errorsOf(yaml: string, config: { exposed_schemas: readonly string[]; preset?: 'supabase' | 'none' } = CONFIG) {
  const dir = specDir({ 'x.yaml': yaml });
  const loaded = await loadSpec(dir);
  return validateSpec(loaded, config).errors.map((e) => ({ ...e, file: e.file.replace(`${dir}/`, '') }));
}

const table = (columns: string, extra = ''): string => `tables:
  t:
    columns:
${columns}${extra}`;

describe('validateSpec', () => {
  it('accepts the example app with no errors and no checklist findings', async () => {
    const loaded = await loadSpec('schema');
    const { errors, findings } = validateSpec(loaded, CONFIG);
    expect(errors).toEqual([]);
    expect(findings).toEqual([]);
  });

  it('reports checklist findings separately from errors', async () => {
    const dir = specDir({ 'x.yaml': table('      id: { type: uuid, primary_key: true }\n      at: { type: timestamp }\n') });
    const { errors, findings } = validateSpec(await loadSpec(dir), CONFIG);
    expect(errors).toEqual([]);
    expect(findings).toContainEqual(expect.objectContaining({ code: 'timestamptz', severity: 'error', file: join(dir, 'x.yaml'), line: 5, col: 13 }));
  });

  it('positions a zero length at the column type', async () => {
    const errors = await errorsOf(table('      id: { type: uuid, primary_key: true }\n      code: { type: "varchar(0)" }\n'));
    expect(errors.map((e) => `${e.line}:${e.col} ${e.code} ${e.message}`)).toEqual(['5:15 invalid-type length for type varchar must be at least 1']);
  });

  it('names a misspelt preset role in grants and policies, with a suggestion; leaves other roles alone', async () => {
    const errors = await errorsOf(
      table(
        '      id: { type: uuid, primary_key: true }\n',
        `    rls: true
    grants: { authenticatd: [select], service_rol: [all], app_reporter: [select] }
    policies:
      p: { for: select, to: [anonn, app_reporter], using: "true" }
`,
      ),
    );
    expect(errors.filter((e) => e.code === 'unknown-role').map((e) => `${e.line}:${e.col} ${e.message} | ${e.fix}`)).toEqual([
      '6:15 role "authenticatd" is not a role of the supabase preset | did you mean authenticated?',
      '6:39 role "service_rol" is not a role of the supabase preset | did you mean service_role?',
      '8:25 role "anonn" is not a role of the supabase preset | did you mean anon?',
    ]);
  });

  it('names a publication a table joins that `publications:` does not declare, and refuses to declare the platform one', async () => {
    const errors = await errorsOf(`publications:
  sync_pub: { publish: [insert] }
  supabase_realtime: {}
tables:
  t:
    columns:
      id: { type: uuid, primary_key: true }
    publications: [sync_pbu, supabase_realtime]
`);
    expect(errors.filter((e) => e.code.includes('publication')).map((e) => `${e.line}:${e.col} ${e.code} ${e.message} | ${e.fix}`)).toEqual([
      `3:3 platform-publication "supabase_realtime" is the platform's publication: plans never create or drop it | remove it here; tables join it with \`publications: [supabase_realtime]\``,
      '8:20 unknown-publication table "t" joins publication "sync_pbu", which is not under `publications:` | did you mean sync_pub?',
    ]);
  });

  it('finds unknown columns in keys, indexes, foreign keys and triggers', async () => {
    const errors = await errorsOf(
      table(
        '      id: { type: uuid }\n      name: { type: text }\n',
        `    primary_key: [idd]
    unique: { t_u: [nam] }
    indexes: [{ columns: [name, missing], include: [gone] }]
    foreign_keys:
      t_fk: { columns: [nope], references: { table: auth.users, columns: [id] }, on_delete: cascade }
    triggers:
      tr: { before: update, update_of: [nme], function: f }
functions:
  f: { returns: trigger, body: "BEGIN RETURN NEW; END;" }
`,
      ),
    );
    const unknown = errors.filter((e) => e.code === 'unknown-column').map((e) => [e.line, e.message]);
    expect(unknown).toEqual([
      [6, expect.stringContaining('"idd" is not a column of table "t"; did you mean "id"?')],
      [7, expect.stringContaining('"nam"')],
      [8, expect.stringContaining('"missing"')],
      [8, expect.stringContaining('"gone"')],
      [10, expect.stringContaining('"nope"')],
      [12, expect.stringContaining('"nme"')],
    ]);
  });

  it('requires referenced tables to be declared, external or from the preset', async () => {
    const yaml = table('      id: { type: uuid, primary_key: true }\n      u: { type: uuid, references: { table: auth.users, on_delete: cascade } }\n      o: { type: uuid, references: { table: billing.accounts, on_delete: cascade } }\n');
    expect((await errorsOf(yaml)).map((e) => [e.code, e.line, e.col])).toEqual([['unknown-table', 6, 38]]);
    expect((await errorsOf(`${yaml}external:\n  billing.accounts:\n`)).map((e) => e.code)).toEqual([]);
    // Without the preset, auth.users is unknown too.
    const none = await errorsOf(`${yaml}external:\n  billing.accounts:\n`, { exposed_schemas: [], preset: 'none' });
    expect(none.map((e) => e.code)).toEqual(['unknown-table']);
  });

  it('checks referenced columns of external tables that list them', async () => {
    const errors = await errorsOf(
      `${table('      id: { type: uuid, primary_key: true }\n      a: { type: uuid, references: { table: ext.a, column: uid, on_delete: cascade } }\n')}external:\n  ext.a: { columns: [id] }\n`,
    );
    expect(errors.map((e) => e.code)).toEqual(['unknown-column']);
  });

  it('rejects unknown types and suggests the closest', async () => {
    const errors = await errorsOf(`enums:\n  mood: [happy, sad]\n${table('      id: { type: uuid }\n      m: { type: mod }\n      n: { type: timestamptz }\n      o: { type: "varchar(20)[]" }\n      p: { type: \"mood[]\" }\n')}`);
    expect(errors).toEqual([expect.objectContaining({ code: 'unknown-type', line: 7, col: 12, message: expect.stringContaining('did you mean "mood"?') })]);
  });

  it('rejects implausible type text through the parser', async () => {
    const errors = await errorsOf(table('      id: { type: "int); DROP TABLE x; --" }\n      b: { type: "text text" }\n'));
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-type', 4],
      ['invalid-type', 5],
    ]);
  });

  it('rejects a comment token in a type or an expression at its position, where it would swallow the rest of the line', async () => {
    const errors = await errorsOf(
      table(
        `      id: { type: "integer --", primary_key: true }
      a: { type: text, default: "'x' -- note", not_null: true }
      b: { type: text, default: "'keep -- this' /* hidden */" }
      c: { type: text, default: "'a -- b'" }
`,
        `    rls: true
    checks: { c_len: "length(c) > 0 --" }
    indexes: [{ columns: [c], where: "c IS NOT NULL -- partial" }]
    policies:
      p: { for: select, to: [authenticated], using: "true --" }
`,
      ),
    );
    expect(errors.map((e) => `${e.line} ${e.code} ${e.message.replace(/ \(.*$/, '')}`)).toEqual([
      '4 invalid-type "integer --" is not a valid type: it holds a `--` comment at character 9',
      '5 invalid-sql default is not one valid SQL expression: it holds a `--` comment at character 5',
      '6 invalid-sql default is not one valid SQL expression: it holds a `/* */` comment at character 16',
      '9 invalid-sql check is not one valid SQL expression: it holds a `--` comment at character 15',
      '10 invalid-sql index WHERE predicate is not one valid SQL expression: it holds a `--` comment at character 15',
      '12 invalid-sql policy USING is not one valid SQL expression: it holds a `--` comment at character 6',
    ]);
  });

  it('names an unknown column in a check, generated column, index predicate, policy or trigger WHEN; subqueries and other tables are left alone', async () => {
    const errors = await errorsOf(
      table(
        `      id: { type: uuid, primary_key: true }
      owner: { type: uuid, not_null: true }
      tier: { type: text }
      n: { type: integer, generated: "length(tierr)" }
`,
        `    rls: true
    checks:
      c_tier: "tiers in ('a', 'b')"
      c_ok: "t.tier <> '' AND id IS NOT NULL AND ctid IS NOT NULL"
    indexes: [{ columns: [tier], where: "ownr IS NOT NULL" }]
    policies:
      p_sel: { for: select, to: [authenticated], using: "owner = (select auth.uid()) AND EXISTS (SELECT 1 FROM public.t AS x WHERE x.nothing_here)" }
      p_upd: { for: update, to: [authenticated], using: "owner = (select auth.uid())", check: "ower = (select auth.uid())" }
    triggers:
      tr: { before: update, function: touch, when: "OLD.tier IS DISTINCT FROM NEW.tierr" }
functions:
  touch: { returns: trigger, body: "BEGIN RETURN NEW; END;" }
`,
      ),
    );
    expect(errors.map((e) => `${e.line} ${e.code} ${e.message}`)).toEqual([
      '7 unknown-column generated expression names column "tierr", which table "t" does not have; did you mean "tier"?',
      '10 unknown-column check names column "tiers", which table "t" does not have; did you mean "tier"?',
      '12 unknown-column index WHERE predicate names column "ownr", which table "t" does not have; did you mean "owner"?',
      '15 unknown-column policy CHECK names column "ower", which table "t" does not have; did you mean "owner"?',
      '17 unknown-column trigger WHEN condition names column "tierr", which the table does not have; did you mean "tier"?',
    ]);
  });

  it('takes any trigger function that sets NEW.updated_at as keeping updated_at, whatever its name', async () => {
    const dir = specDir({
      'x.yaml': `functions:
  set_updated_at: { returns: trigger, body: "BEGIN NEW.updated_at := now(); RETURN NEW; END;" }
  audit_only: { returns: trigger, body: "BEGIN RETURN NEW; END;" }
tables:
  kept:
    columns:
      id: { type: uuid, primary_key: true }
      updated_at: { type: timestamptz, not_null: true, default: now() }
    triggers: { kept_touch: { before: update, function: set_updated_at } }
  stale:
    columns:
      id: { type: uuid, primary_key: true }
      updated_at: { type: timestamptz, not_null: true, default: now() }
    triggers: { stale_audit: { before: update, function: audit_only } }
`,
    });
    const { findings } = validateSpec(await loadSpec(dir), CONFIG);
    expect(findings.filter((f) => f.code === 'updated-at-trigger').map((f) => f.message)).toEqual([
      'stale has updated_at but no BEFORE UPDATE FOR EACH ROW trigger whose function sets NEW.updated_at (such as update_updated_at_column())',
    ]);
  });

  it('parses function bodies offline (sql and plpgsql), since migrations create functions with check_function_bodies off', async () => {
    const errors = await errorsOf(`functions:
  bad_sql:
    returns: integer
    language: sql
    body: |
      SELECT 1
      FROM WHERE x
  bad_plpgsql:
    returns: integer
    body: |
      BEGIN
        RETURN 1
      END;
  later_table:
    returns: integer
    language: sql
    body: "SELECT count(*)::int FROM public.created_later; SELECT 2"
  touch:
    returns: trigger
    body: "BEGIN NEW.updated_at = now(); RETURN NEW; END;"
  standard:
    args: "a integer"
    returns: integer
    language: sql
    body: "RETURN a + 1"
`);
    expect(errors.map((e) => `${e.line} ${e.code} ${e.message}`)).toEqual([
      '5 invalid-sql the body of function "bad_sql" does not parse: syntax error at or near "WHERE" (line 2 of the body)',
      '10 invalid-sql the body of function "bad_plpgsql" does not parse: syntax error at end of input',
    ]);
  });

  it('rejects a trigger calling an undeclared function, or one not returning trigger', async () => {
    const errors = await errorsOf(
      `${table('      id: { type: uuid }\n', '    triggers:\n      a: { before: update, function: update_updated_at_colum }\n      b: { before: insert, function: helper }\n      c: { after: insert, function: other_schema.fn }\n')}functions:\n  update_updated_at_column: { returns: trigger, body: "BEGIN RETURN NEW; END;" }\n  helper: { returns: integer, language: sql, body: SELECT 1 }\n`,
    );
    expect(errors.map((e) => [e.code, e.line, e.message.slice(0, 60)])).toEqual([
      ['unknown-function', 6, expect.stringContaining('update_updated_at_colum')],
      ['invalid-trigger', 7, expect.stringContaining('returns integer')],
    ]);
  });

  it('rejects using/check on the wrong command, and warns of policies on a table without rls', async () => {
    const yaml = table('      id: { type: uuid }\n', '    policies:\n      p: { for: insert, using: "true" }\n      q: { for: select, check: "true" }\n');
    const errors = await errorsOf(yaml);
    expect(errors.map((e) => e.code)).toEqual(['invalid-policy', 'invalid-policy']);
    // PostgreSQL keeps policies on a table without RLS (inactive): a database pulled as it is must still plan.
    const { findings } = validateSpec(await loadSpec(specDir({ 'x.yaml': yaml.replace('using: "true" }', 'check: "true" }').replace('q: { for: select, check', 'q: { for: select, using') })), CONFIG);
    expect(findings.filter((f) => f.code === 'policy-without-rls').map((f) => f.severity)).toEqual(['warning']);
  });

  it.each([
    ['a statement after the expression', '1); DROP TABLE x; --'],
    ['a FROM clause', 'true) FROM pg_class WHERE (true'],
    ['a second target', 'x), (y'],
    ['an alias', 'x) AS y --'],
    ['two statements', 'true; SELECT 1'],
    ['an unterminated comment', 'true /*'],
    ['empty text', ' '],
  ])('rejects %s in SQL expressions', async (_what, expr) => {
    const json = JSON.stringify(expr);
    const errors = await errorsOf(
      `${table(`      id: { type: uuid, default: ${json} }\n      b: { type: boolean, generated: ${json} }\n`, `    rls: true\n    checks: { c: ${json} }\n    indexes: [{ columns: [id], where: ${json} }]\n    policies:\n      p: { using: ${json}, check: ${json} }\n`)}`,
    );
    const invalid = errors.filter((e) => e.code === 'invalid-sql');
    expect(invalid.length).toBe(6);
    expect(invalid.every((e) => e.file === 'x.yaml' && e.line > 3)).toBe(true);
  });

  it('accepts real-world expressions', async () => {
    const errors = await errorsOf(
      `enums:\n  kind: [a, b]\n${table(
        `      id: { type: uuid, primary_key: true, default: gen_random_uuid() }
      k: { type: kind, default: a }
      j: { type: jsonb, default: [1, {a: 2}] }
      n: { type: "numeric(10,2)", default: 0 }
      s: { type: text, default: "'it''s'" }
      g: { type: text, generated: "upper(s)" }
`,
        `    rls: true
    checks: { positive: "n >= 0 AND s <> ''" }
    indexes: [{ columns: ["(lower(s))", "n DESC NULLS LAST"], where: "k = 'a'::kind" }]
    policies:
      p: { for: update, to: [authenticated], using: "(select auth.uid()) = id", check: "EXISTS (SELECT 1 FROM t x WHERE x.id = t.id)" }
`,
      )}`,
    );
    expect(errors).toEqual([]);
  });

  it('rejects invalid names: empty, too long, NUL', async () => {
    const long = 'x'.repeat(64);
    const errors = await errorsOf(`tables:\n  ${long}:\n    columns:\n      "": { type: text }\n      "a\\0b": { type: text }\n      "${'é'.repeat(32)}": { type: text }\n`);
    expect(errors.filter((e) => e.code === 'invalid-name').map((e) => e.line)).toEqual([2, 4, 5, 6]);
  });

  it('accepts names with quotes, spaces, semicolons and unicode', async () => {
    const errors = await errorsOf(`tables:\n  'we"ird; name':\n    columns:\n      "a b": { type: text }\n      "c;d": { type: text }\n      "日本": { type: text }\n`);
    expect(errors).toEqual([]);
  });

  it('rejects objects in schemas the spec does not manage', async () => {
    const errors = await errorsOf('tables:\n  app.t:\n    columns: { id: { type: uuid } }\n');
    expect(errors).toEqual([expect.objectContaining({ code: 'unmanaged-schema', line: 2, col: 3 })]);
    expect(await errorsOf('schemas: { app: }\ntables:\n  app.t:\n    columns: { id: { type: uuid } }\n')).toEqual([]);
  });

  it('rejects clashing relation names and enum mistakes', async () => {
    const errors = await errorsOf(
      `enums:\n  e: { values: [a, a], remap: { old: gone } }\n${table('      id: { type: uuid, primary_key: true }\n', '    indexes: [{ name: t_pkey, columns: [id] }]\n')}`,
    );
    expect(errors.map((e) => e.code).sort()).toEqual(['duplicate-name', 'duplicate-value', 'invalid-remap']);
  });

  it('validates function signatures as one CREATE FUNCTION', async () => {
    const errors = await errorsOf('functions:\n  f:\n    returns: "int; DROP TABLE x"\n    language: sql\n    body: SELECT 1\n  g:\n    args: "a int) RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql; DROP TABLE x; --"\n    body: x\n');
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-sql', 2],
      ['invalid-sql', 6],
    ]);
  });

  it('catches enum default typos and type-name clashes', async () => {
    const errors = await errorsOf(`enums:\n  kind: [system, user]\n  t: [a]\n${table('      k: { type: kind, default: sytem }\n      l: { type: kind, default: "\'user\'::kind" }\n')}`);
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ['duplicate-name', 3],
      ['invalid-default', 7],
    ]);
    expect(errors[1]!.message).toContain('did you mean "system"?');
  });

  it('accepts ordered index expressions and rejects junk after them', async () => {
    const ok = await errorsOf(table('      e: { type: text }\n', '    indexes: [{ columns: ["(lower(e)) DESC", "e text_pattern_ops"] }]\n'));
    expect(ok).toEqual([]);
    const bad = await errorsOf(table('      e: { type: text }\n', '    indexes: [{ columns: ["(lower(e)); DROP TABLE t"] }]\n'));
    expect(bad.map((e) => e.code)).toEqual(['invalid-index']);
  });

  it('accepts a collation after an index key, quoted or qualified, and nothing pasted after it', async () => {
    const ok = await errorsOf(table('      e: { type: text }\n', `    indexes: [{ columns: ['e COLLATE "C" DESC', '(lower(e)) COLLATE pg_catalog."POSIX"'] }]\n`));
    expect(ok).toEqual([]);
    for (const key of ['e COLLATE "C"; DROP TABLE t', 'e COLLATE "C', '(lower(e)) COLLATE "C" --']) {
      const bad = await errorsOf(table('      e: { type: text }\n', `    indexes: [{ columns: [${JSON.stringify(key)}] }]\n`));
      expect(bad.length, key).toBeGreaterThan(0);
    }
  });

  it('warns on SET NULL for a NOT NULL column and rejects SQL trigger functions', async () => {
    const yaml = `${table('      id: { type: uuid, primary_key: true }\n      u: { type: uuid, not_null: true, references: { table: auth.users, on_delete: set null } }\n')}`;
    const dir = specDir({ 'x.yaml': yaml });
    const result = validateSpec(await loadSpec(dir), CONFIG);
    // Valid DDL (and found in real databases), so a warning rather than an error.
    expect(result.errors).toEqual([]);
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'set-null-not-null', severity: 'warning', line: 5 }));
    const errors = await errorsOf(`${yaml}functions:\n  f: { returns: trigger, language: sql, body: SELECT 1 }\n`);
    expect(errors.map((e) => [e.code, e.line])).toEqual([['invalid-function', 7]]);
  });
});
