/**
 * Seeded, deterministic generator of small schemas for the round-trip test. Each schema lives in
 * its own PostgreSQL schema, so many fit in one database. It uses only what the spec can express:
 * enums, domains, sequences, tables (identity, defaults, generated columns, PK/unique/check/FK,
 * indexes, RLS, policies, grants, comments, triggers), functions and views.
 */

/** mulberry32: a tiny, well-distributed 32-bit PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const q = (name: string): string => (/^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replaceAll('"', '""')}"`);
const lit = (text: string): string => `'${text.replaceAll("'", "''")}'`;
const RESERVED = new Set(['user', 'order', 'group', 'select', 'from', 'table', 'check', 'default', 'limit', 'end']);

const WORDS = ['item', 'owner', 'title', 'note', 'amount', 'status', 'kind', 'label', 'score', 'body', 'email', 'code', 'rank', 'flag', 'data'];
const AWKWARD = ['user', 'order', 'group', 'Select Me', 'MixedCase', 'naïve', 'a"q', 'with space', 'end', 'Ünïcode'];
const TABLE_WORDS = ['posts', 'comments', 'orders', 'tags', 'events', 'teams', 'tasks', 'files', 'logs', 'votes'];

interface ColumnPlan {
  readonly name: string;
  readonly type: string;
  readonly sql: string;
  /** Type family for picking defaults, indexes and checks. */
  readonly family: 'int' | 'text' | 'num' | 'bool' | 'uuid' | 'time' | 'json' | 'array' | 'enum' | 'date';
}

export interface GeneratedSchema {
  readonly schema: string;
  readonly sql: string;
}

/** One small schema named `schema`, the same for the same seed. Expects pgcrypto-free PG 13+ and the Supabase roles. */
export function generateSchema(seed: number, schema: string): GeneratedSchema {
  const r = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  const chance = (p: number): boolean => r() < p;
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const s = q(schema);
  const out: string[] = [`CREATE SCHEMA ${s};`];
  const used = new Set<string>();
  const fresh = (base: string): string => {
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  };

  const enums: { name: string; values: string[] }[] = [];
  for (let i = 0, n = int(0, 2); i < n; i++) {
    const name = fresh(chance(0.15) ? pick(['Mood', 'state kind', 'level']) : pick(['mood', 'state', 'level', 'tier']));
    const values = [...new Set(Array.from({ length: int(1, 4) }, () => (chance(0.1) ? pick(["it's", 'Big', 'a b', 'ü']) : pick(['low', 'mid', 'high', 'new', 'old', 'on', 'off']))))];
    enums.push({ name, values });
    out.push(`CREATE TYPE ${s}.${q(name)} AS ENUM (${values.map(lit).join(', ')});`);
    if (chance(0.3)) out.push(`COMMENT ON TYPE ${s}.${q(name)} IS ${lit(`enum ${name}`)};`);
  }
  const domains: string[] = [];
  if (chance(0.3)) {
    const name = fresh('positive');
    domains.push(name);
    out.push(`CREATE DOMAIN ${s}.${q(name)} AS integer${chance(0.5) ? ' NOT NULL' : ''} CONSTRAINT ${q(`${name}_check`)} CHECK (VALUE > 0);`);
  }
  if (chance(0.2)) {
    const name = fresh('short_code');
    domains.push(name);
    out.push(`CREATE DOMAIN ${s}.${q(name)} AS varchar(12) DEFAULT 'x' CONSTRAINT ${q(`${name}_upper`)} CHECK (VALUE = upper(VALUE));`);
    if (chance(0.5)) out.push(`COMMENT ON DOMAIN ${s}.${q(name)} IS 'codes';`);
  }
  if (chance(0.3)) {
    const name = fresh('counter');
    out.push(`CREATE SEQUENCE ${s}.${q(name)}${chance(0.5) ? ' AS integer' : ''} START WITH ${int(1, 100)} INCREMENT BY ${int(1, 3)}${chance(0.3) ? ' CYCLE' : ''};`);
  }

  const hasTrigger = chance(0.4);
  const fn = hasTrigger ? fresh('touch') : undefined;
  if (fn) {
    out.push(`CREATE FUNCTION ${s}.${q(fn)}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN NEW;\nEND;\n$$;`);
  }
  if (chance(0.3)) {
    const name = fresh(chance(0.2) ? 'Add Up' : 'add_up');
    const definer = chance(0.3);
    out.push(
      `CREATE FUNCTION ${s}.${q(name)}(a integer, b integer${chance(0.5) ? ' DEFAULT 1' : ''}) RETURNS integer LANGUAGE sql ${pick(['IMMUTABLE', 'STABLE', 'VOLATILE'])}${chance(0.3) ? ' STRICT' : ''}${definer ? ` SECURITY DEFINER SET search_path = ${s}, pg_temp` : ''} AS $$ SELECT a + b $$;`,
    );
    if (definer && chance(0.5)) out.push(`REVOKE ALL ON FUNCTION ${s}.${q(name)}(integer, integer) FROM PUBLIC;`);
    if (chance(0.4)) out.push(`GRANT EXECUTE ON FUNCTION ${s}.${q(name)}(integer, integer) TO ${pick(['authenticated', 'service_role'])};`);
    if (chance(0.3)) out.push(`COMMENT ON FUNCTION ${s}.${q(name)}(integer, integer) IS 'adds';`);
  }
  if (chance(0.15)) {
    out.push(`CREATE PROCEDURE ${s}.${q(fresh('cleanup'))}(IN days integer DEFAULT 30) LANGUAGE plpgsql AS $$\nBEGIN\n  PERFORM days;\nEND;\n$$;`);
  }
  if (chance(0.15)) {
    out.push(`CREATE FUNCTION ${s}.${q(fresh('lookup'))}(p_code text) RETURNS TABLE(code text, n bigint) LANGUAGE sql STABLE AS $$ SELECT p_code, 1::bigint $$;`);
  }

  const tables: { name: string; pk: ColumnPlan | undefined; columns: ColumnPlan[]; compositeKey?: [ColumnPlan, ColumnPlan] | undefined }[] = [];
  for (let ti = 0, nt = int(1, 3); ti < nt; ti++) {
    const tname = fresh(chance(0.12) ? pick(['Order Items', 'user', 'CamelTable', 'tâble']) : pick(TABLE_WORDS));
    const t = `${s}.${q(tname)}`;
    const cols: ColumnPlan[] = [];
    const colNames = new Set<string>();
    const colName = (base: string): string => {
      let name = base;
      for (let n = 2; colNames.has(name); n++) name = `${base}_${n}`;
      colNames.add(name);
      return name;
    };
    const defs: string[] = [];
    const pkKind = pick(['uuid', 'identity', 'bigint', 'composite', 'none', 'uuid']);
    let pk: ColumnPlan | undefined;
    if (pkKind === 'uuid') {
      pk = { name: colName('id'), type: 'uuid', sql: 'uuid', family: 'uuid' };
      defs.push(`id uuid PRIMARY KEY DEFAULT gen_random_uuid()`);
    } else if (pkKind === 'identity') {
      pk = { name: colName('id'), type: 'bigint', sql: 'bigint', family: 'int' };
      defs.push(`id bigint GENERATED ${pick(['ALWAYS', 'BY DEFAULT'])} AS IDENTITY PRIMARY KEY`);
    } else if (pkKind === 'bigint') {
      pk = { name: colName('id'), type: 'bigint', sql: 'bigint', family: 'int' };
      defs.push(`id bigint NOT NULL${chance(0.5) ? ` CONSTRAINT ${q(`${tname}_pk`)}` : ''} PRIMARY KEY`);
    }
    // References to earlier tables with a single-column key.
    const target = tables.filter((x) => x.pk).length > 0 && chance(0.6) ? pick(tables.filter((x) => x.pk)) : undefined;
    if (target?.pk) {
      const name = colName(`${target.name.replace(/[^a-z]/gi, '').toLowerCase() || 'ref'}_id`);
      const action = pick(['CASCADE', 'SET NULL', 'RESTRICT', 'NO ACTION']);
      const upd = chance(0.2) ? ` ON UPDATE ${pick(['CASCADE', 'RESTRICT'])}` : '';
      const named = chance(0.2) ? `CONSTRAINT ${q(`${tname}_${name}_link`)} ` : '';
      defs.push(`${q(name)} ${target.pk.type}${action === 'SET NULL' ? '' : chance(0.5) ? ' NOT NULL' : ''} ${named}REFERENCES ${s}.${q(target.name)} (${q(target.pk.name)}) ON DELETE ${action}${upd}${chance(0.1) ? ' DEFERRABLE INITIALLY DEFERRED' : ''}`);
      cols.push({ name, type: target.pk.type, sql: target.pk.type, family: target.pk.type === 'uuid' ? 'uuid' : 'int' });
    }
    if (chance(0.3)) {
      const name = colName('user_id');
      defs.push(`${name} uuid${chance(0.5) ? ' NOT NULL' : ''} REFERENCES auth.users (id) ON DELETE ${pick(['CASCADE', 'SET NULL'])}`);
      cols.push({ name, type: 'uuid', sql: 'uuid', family: 'uuid' });
    }
    for (let ci = 0, nc = int(1, 6); ci < nc; ci++) {
      const name = colName(chance(0.1) ? pick(AWKWARD) : pick(WORDS));
      const kind = pick(['int', 'text', 'varchar', 'num', 'bool', 'uuid', 'tz', 'ts', 'json', 'array', 'enum', 'date', 'domain', 'smallint']);
      let col: ColumnPlan;
      if (kind === 'enum' && enums.length > 0) {
        const e = pick(enums);
        col = { name, type: `${s}.${q(e.name)}`, sql: `${s}.${q(e.name)}`, family: 'enum' };
        const def = chance(0.5) ? ` DEFAULT ${lit(e.values[0]!)}` : '';
        defs.push(`${q(name)} ${col.sql}${chance(0.5) ? ' NOT NULL' : ''}${def}`);
      } else if (kind === 'domain' && domains.length > 0) {
        col = { name, type: 'domain', sql: `${s}.${q(domains[0]!)}`, family: 'int' };
        defs.push(`${q(name)} ${col.sql}`);
      } else {
        const choices: Record<string, [string, ColumnPlan['family'], string[]]> = {
          int: ['integer', 'int', ['0', '42', '-1']],
          smallint: ['smallint', 'int', ['1']],
          text: ['text', 'text', [`''`, `'none'`, `'it''s'`]],
          varchar: [`varchar(${int(5, 200)})`, 'text', [`'x'`]],
          num: [pick(['numeric', 'numeric(10,2)', 'real', 'double precision']), 'num', ['0', '1.5']],
          bool: ['boolean', 'bool', ['true', 'false']],
          uuid: ['uuid', 'uuid', ['gen_random_uuid()']],
          tz: [pick(['timestamptz', 'timestamptz(3)']), 'time', ['now()', 'CURRENT_TIMESTAMP']],
          ts: [pick(['timestamp', 'timestamp(0)']), 'time', ['now()', 'LOCALTIMESTAMP']],
          json: ['jsonb', 'json', [`'{}'`, `'[]'`, `'{"a": 1, "b": [true, null, "x"]}'`]],
          array: [pick(['text[]', 'integer[]']), 'array', [`'{}'`]],
          enum: ['text', 'text', [`'e'`]],
          domain: ['bigint', 'int', ['7']],
          date: ['date', 'date', ['CURRENT_DATE']],
        };
        const [type, family, defaults] = choices[kind]!;
        col = { name, type, sql: type, family };
        const def = chance(0.5) ? ` DEFAULT ${pick(defaults)}` : '';
        const collate = family === 'text' && chance(0.1) ? ' COLLATE "C"' : '';
        defs.push(`${q(name)} ${type}${collate}${chance(0.4) ? ' NOT NULL' : ''}${def}${chance(0.1) ? ' UNIQUE' : ''}`);
      }
      cols.push(col);
    }
    if (chance(0.15)) {
      const base = cols.find((c) => c.family === 'text' && c.type === 'text');
      if (base) {
        const name = colName('search');
        defs.push(`${q(name)} text GENERATED ALWAYS AS (lower(${q(base.name)})) STORED`);
        cols.push({ name, type: 'text', sql: 'text', family: 'text' });
      }
    }
    let compositeKey: [ColumnPlan, ColumnPlan] | undefined;
    if (pkKind === 'composite' && cols.length >= 2) {
      if (cols[0]!.type !== 'domain' && cols[1]!.type !== 'domain') compositeKey = [cols[0]!, cols[1]!];
      defs.push(`${chance(0.3) ? `CONSTRAINT ${q(`${tname}_key2`)} ` : ''}PRIMARY KEY (${q(cols[0]!.name)}, ${q(cols[1]!.name)})`);
    }
    const intCol = cols.find((c) => c.family === 'int' && c.type !== 'domain' && c !== cols[0]);
    if (intCol && chance(0.5)) defs.push(`CONSTRAINT ${q(fresh(`${tname}_${intCol.name}_positive`))} CHECK (${q(intCol.name)} >= 0)`);
    if (cols.length >= 2 && chance(0.25) && pkKind !== 'composite') {
      defs.push(`CONSTRAINT ${q(fresh(`${tname}_pair`))} UNIQUE${chance(0.2) ? ' NULLS NOT DISTINCT' : ''} (${q(cols[0]!.name)}, ${q(cols[1]!.name)})`);
    }
    const composite = tables.find((x) => x.compositeKey);
    if (composite && chance(0.4)) {
      const [k1, k2] = composite.compositeKey!;
      const a = colName(`${k1!.name}_ref`.replace(/[^a-z_]/gi, '') || 'r1');
      const b = colName(`${k2!.name}_ref`.replace(/[^a-z_]/gi, '') || 'r2');
      defs.push(`${q(a)} ${k1!.sql}`, `${q(b)} ${k2!.sql}`);
      defs.push(`CONSTRAINT ${q(fresh(`${tname}_composite_fk`))} FOREIGN KEY (${q(a)}, ${q(b)}) REFERENCES ${s}.${q(composite.name)} (${q(k1!.name)}, ${q(k2!.name)}) ON DELETE ${pick(['CASCADE', 'NO ACTION'])}`);
    }
    out.push(`CREATE TABLE ${t} (\n  ${defs.join(',\n  ')}\n);`);
    if (chance(0.4)) out.push(`COMMENT ON TABLE ${t} IS ${lit(`The ${tname}`)};`);
    let counter: string | undefined;
    if (chance(0.15)) {
      const seq = fresh(`${tname}_counter`);
      counter = `${s}.${q(seq)}`;
      const col = colName('counter');
      out.push(`CREATE SEQUENCE ${s}.${q(seq)};`, `ALTER TABLE ${t} ADD COLUMN ${q(col)} bigint NOT NULL DEFAULT nextval(${lit(`${s}.${q(seq)}`)});`, `ALTER SEQUENCE ${s}.${q(seq)} OWNED BY ${t}.${q(col)};`);
    }
    if (chance(0.3)) out.push(`COMMENT ON COLUMN ${t}.${q(cols[0]!.name)} IS ${lit('first column')};`);

    for (let ii = 0, ni = int(0, 2); ii < ni; ii++) {
      const c = pick(cols);
      const named = chance(0.6);
      const iname = named ? fresh(`${tname}_i${ii}`) : undefined;
      const target2 = `${named ? `${q(iname!)} ` : ''}ON ${t}`;
      if (c.family === 'json') out.push(`CREATE INDEX ${target2} USING gin (${q(c.name)});`);
      else if (c.family === 'text' && chance(0.4)) out.push(`CREATE INDEX ${target2} (lower(${q(c.name)}));`);
      else if (c.family === 'array') out.push(`CREATE INDEX ${target2} USING gin (${q(c.name)});`);
      else {
        const other = pick(cols);
        const method = c.family === 'time' && chance(0.3) ? ' USING brin' : c.family === 'uuid' && chance(0.3) ? ' USING hash' : '';
        const keys = other === c || method !== '' || chance(0.5) ? [c] : [c, other];
        const desc = chance(0.3) ? ' DESC' : '';
        const where = c.family === 'bool' && chance(0.5) ? ` WHERE ${q(c.name)}` : chance(0.2) ? ` WHERE ${q(c.name)} IS NOT NULL` : '';
        const unique = !method && chance(0.2);
        const include = !method && keys.length === 1 && other !== c && chance(0.2) ? ` INCLUDE (${q(other.name)})` : '';
        out.push(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${target2}${method} (${keys.map((k, i) => q(k.name) + (i === 0 && !method ? desc : '')).join(', ')})${include}${where};`);
      }
      if (named && chance(0.2)) out.push(`COMMENT ON INDEX ${s}.${q(iname!)} IS 'index ${ii}';`);
    }
    if (chance(0.6)) {
      out.push(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;`);
      if (chance(0.1)) out.push(`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY;`);
      const userCol = cols.find((c) => c.name === 'user_id');
      for (let pi = 0, np = int(0, 3); pi < np; pi++) {
        const cmd = pick(['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE']);
        const roles = pick(['PUBLIC', 'authenticated', 'anon, authenticated', 'service_role']);
        const pred = userCol ? `(auth.uid() = ${q(userCol.name)})` : pick(['true', `(auth.role() = 'authenticated')`, 'false']);
        const using = cmd === 'INSERT' ? '' : ` USING (${pred})`;
        const check = cmd === 'SELECT' || cmd === 'DELETE' ? '' : cmd === 'INSERT' || chance(0.5) ? ` WITH CHECK (${pred})` : '';
        const pname = fresh(chance(0.1) ? `Users can ${cmd.toLowerCase()} "own"` : `${tname}_${cmd.toLowerCase()}_${pi}`);
        out.push(`CREATE POLICY ${q(pname)} ON ${t}${chance(0.15) ? ' AS RESTRICTIVE' : ''} FOR ${cmd} TO ${roles}${using}${check};`);
        if (chance(0.15)) out.push(`COMMENT ON POLICY ${q(pname)} ON ${t} IS 'why';`);
      }
    }
    if (chance(0.5)) {
      const role = pick(['anon', 'authenticated', 'service_role']);
      const privileges = pick(['SELECT', 'SELECT, INSERT', 'SELECT, UPDATE, DELETE', 'ALL']);
      out.push(`GRANT ${privileges} ON ${t} TO ${role};`);
      // A database whose inserts work: the role that writes the table can call its sequence.
      if (counter && /INSERT|UPDATE|ALL/.test(privileges)) out.push(`GRANT USAGE ON SEQUENCE ${counter} TO ${role};`);
    }
    if (fn && chance(0.7)) {
      const timing = pick(['BEFORE', 'AFTER']);
      const events = pick(['INSERT', 'UPDATE', 'INSERT OR UPDATE', 'DELETE', 'INSERT OR DELETE']);
      const each = chance(0.8) ? 'ROW' : 'STATEMENT';
      const when = each === 'ROW' && events === 'UPDATE' && chance(0.4) ? ` WHEN (OLD.* IS DISTINCT FROM NEW.*)` : '';
      const updateOf = events === 'UPDATE' && chance(0.3) ? ` OF ${q(cols[0]!.name)}` : '';
      const args = chance(0.2) ? pick([`'a'`, `'x y', '2'`, `'it''s'`]) : '';
      const trg = fresh(`${tname}_trg`);
      out.push(`CREATE TRIGGER ${q(trg)} ${timing} ${events}${updateOf} ON ${t} FOR EACH ${each}${when} EXECUTE FUNCTION ${s}.${q(fn)}(${args});`);
      if (chance(0.15)) out.push(`COMMENT ON TRIGGER ${q(trg)} ON ${t} IS 'fires';`);
    }
    tables.push({ name: tname, pk, columns: cols, compositeKey });
  }
  if (chance(0.15)) {
    const name = fresh('measurements');
    out.push(`CREATE TABLE ${s}.${q(name)} (at timestamptz NOT NULL, v numeric, tag text DEFAULT 'a') PARTITION BY ${chance(0.5) ? 'RANGE (at)' : 'LIST (tag)'};`);
    const parted = out[out.length - 1]!.includes('RANGE');
    out.push(
      parted
        ? `CREATE TABLE ${s}.${q(fresh(`${name}_2024`))} PARTITION OF ${s}.${q(name)} FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');`
        : `CREATE TABLE ${s}.${q(fresh(`${name}_a`))} PARTITION OF ${s}.${q(name)} FOR VALUES IN ('a', 'b');`,
    );
    if (chance(0.5)) out.push(`CREATE TABLE ${s}.${q(fresh(`${name}_rest`))} PARTITION OF ${s}.${q(name)} DEFAULT;`);
    if (chance(0.5)) out.push(`CREATE INDEX ON ${s}.${q(name)} (at);`);
  }
  if (chance(0.4)) {
    const t = pick(tables);
    const cols = t.columns.slice(0, 2);
    const name = fresh(`${t.name}_view`);
    out.push(
      `CREATE VIEW ${s}.${q(name)}${chance(0.5) ? ' WITH (security_invoker = true)' : ''} AS SELECT ${cols.map((c) => q(c.name)).join(', ')} FROM ${s}.${q(t.name)};`,
    );
    if (chance(0.5)) out.push(`GRANT SELECT ON ${s}.${q(name)} TO authenticated;`);
  }
  if (fn && chance(0.2)) {
    out.push(`CREATE TRIGGER ${q(fresh(`${schema}_on_user`))} AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION ${s}.${q(fn)}();`);
  }
  return { schema, sql: out.join('\n') };
}

/** `count` schemas named `g000`, `g001`, ... from consecutive seeds. */
export function generateCorpus(count: number, firstSeed = 1): GeneratedSchema[] {
  return Array.from({ length: count }, (_, i) => generateSchema(firstSeed + i, `g${String(i).padStart(3, '0')}`));
}
