import { describe, expect, it } from 'vitest';
import { checkGeneratedSql, lintSql } from '../../src/rules/index.js';
import { BAD_SQL, GOOD_SQL } from './sql-cases.js';

const options = { exposedSchemas: ['public'] };

describe('SQL rules fire on bad SQL with the right id and position', () => {
  for (const [rule, cases] of Object.entries(BAD_SQL)) {
    for (const c of cases) {
      it(`${rule}: ${c.name}`, () => {
        const findings = lintSql(c.path ?? 'm/001_case.sql', c.sql, options);
        const hits = findings.filter((f) => f.code === rule);
        expect(hits.map((f) => f.line), JSON.stringify(findings, null, 1)).toContain(c.line);
        const hit = hits.find((f) => f.line === c.line)!;
        if (c.col !== undefined) expect(hit.col).toBe(c.col);
        expect(hit.severity).toBe(c.severity ?? 'error');
        expect(hit.message.length).toBeGreaterThan(10);
        expect(hit.fix?.length ?? 0).toBeGreaterThan(5);
        expect(findings.some((f) => f.code === 'syntax')).toBe(false);
      });
    }
  }
});

describe('seed patterns done right stay silent', () => {
  for (const [name, sql] of Object.entries(GOOD_SQL)) {
    it(name, () => {
      expect(lintSql('m/002_good.sql', sql, options)).toEqual([]);
      expect(checkGeneratedSql('m/002_good.sql', sql, options)).toEqual([]);
    });
  }

  it('the bare seed statements raise nothing but the lock-timeout warning of an ACCESS EXCLUSIVE ALTER', () => {
    const bare = [
      'ALTER TABLE notifications ADD COLUMN IF NOT EXISTS is_read BOOLEAN DEFAULT FALSE;',
      GOOD_SQL['guarded enum DO block'],
      GOOD_SQL['update_updated_at_column()'],
    ].join('\n');
    const findings = lintSql('m/003_seed.sql', bare, options);
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.code}`)).toEqual(['1 warning lock-timeout']);
  });
});

describe('SQL analysis details', () => {
  it('reads timestamp in every spelling and leaves timestamptz alone', () => {
    const sql = [
      'CREATE TABLE IF NOT EXISTS app.t (',
      '  a timestamp,',
      '  b TIMESTAMP(6) WITHOUT TIME ZONE,',
      '  c pg_catalog.timestamp,',
      '  d "timestamp",',
      '  e timestamptz,',
      '  f timestamp with time zone,',
      '  g pg_catalog.timestamptz',
      ');',
    ].join('\n');
    expect(lintSql('x.sql', sql, options).filter((f) => f.code === 'timestamptz').map((f) => f.line)).toEqual([2, 3, 4, 5]);
  });

  it('distinguishes an explicit ON DELETE NO ACTION from a missing clause', () => {
    const explicit = 'CREATE TABLE IF NOT EXISTS app.n (a int REFERENCES app.m (id) ON DELETE NO ACTION, b int REFERENCES app.m (id) ON DELETE RESTRICT);';
    expect(lintSql('x.sql', explicit, options).filter((f) => f.code === 'fk-on-delete')).toEqual([]);
    const missing = "CREATE TABLE IF NOT EXISTS app.n (a int REFERENCES app.m (id), note text DEFAULT 'ON DELETE');";
    expect(lintSql('x.sql', missing, options).filter((f) => f.code === 'fk-on-delete')).toHaveLength(1);
  });

  it('does not take SET LOCAL or SET inside function definitions for session state', () => {
    const sql = "CREATE OR REPLACE FUNCTION app.f() RETURNS void LANGUAGE plpgsql SET search_path = '' AS $$ BEGIN PERFORM pg_advisory_lock(1); END $$;";
    expect(lintSql('x.sql', sql, options)).toEqual([]);
  });

  it('finds advisory locks in DO blocks with the position of the inner statement', () => {
    const sql = 'BEGIN;\nSET LOCAL lock_timeout = \'5s\';\nDO $$\nDECLARE got boolean;\nBEGIN\n  got := pg_try_advisory_lock(7);\nEND $$;\nCOMMIT;';
    const hits = lintSql('x.sql', sql, options).filter((f) => f.code === 'pgbouncer-safe');
    expect(hits.map((f) => f.line)).toEqual([6]);
  });

  it('allows an index without CONCURRENTLY on a table the same file creates', () => {
    const sql = "BEGIN;\nSET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '1min';\nCREATE TABLE IF NOT EXISTS app.n (a int);\nCREATE INDEX IF NOT EXISTS n_a ON app.n (a);\nCOMMIT;";
    expect(lintSql('x.sql', sql, options)).toEqual([]);
  });

  it('treats exposed schemas from the options, not only public', () => {
    const sql = 'CREATE TABLE IF NOT EXISTS api.items (id uuid);';
    expect(lintSql('x.sql', sql, options).filter((f) => f.code === 'rls-required')).toEqual([]);
    expect(lintSql('x.sql', sql, { exposedSchemas: ['public', 'api'] }).filter((f) => f.code === 'rls-required')).toHaveLength(1);
  });

  it('reports a syntax error in a DO body at its line', () => {
    const findings = lintSql('x.sql', 'SELECT 1;\nDO $$\nBEGIN\n  IF true THEN NULL;\nEND $$;', options);
    expect(findings.filter((f) => f.code === 'syntax').map((f) => f.line)).toEqual([5]);
  });

  it('reports a SQL syntax error as one positioned finding', () => {
    const findings = lintSql('x.sql', 'SELECT 1;\nCREATE TABLE (;\n', options);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'syntax', line: 2, severity: 'error' });
  });

  it('positions findings in files with multi-byte characters', () => {
    const sql = "-- Überblick: 日本語\nCOMMENT ON TABLE app.n IS 'ünïcödé';\nCREATE TABLE IF NOT EXISTS app.n (ü timestamp);";
    const hit = lintSql('x.sql', sql, options).find((f) => f.code === 'timestamptz')!;
    expect([hit.line, hit.col]).toEqual([3, 37]);
  });
});

describe('inline waivers', () => {
  it('waive a rule on the statement line or the line before, with a reason', () => {
    const sql = [
      '-- schema:waive timestamptz legacy reporting system writes local time',
      'CREATE TABLE IF NOT EXISTS app.a (t timestamp);',
      'CREATE TABLE IF NOT EXISTS app.b (t timestamp); -- schema:waive timestamptz same source',
      'CREATE TABLE IF NOT EXISTS app.c (t timestamp);',
    ].join('\n');
    expect(lintSql('x.sql', sql, options).filter((f) => f.code === 'timestamptz').map((f) => f.line)).toEqual([4]);
  });

  it('cover the whole statement, not other rules', () => {
    const sql = '-- schema:waive rls-required public lookup table\nCREATE TABLE IF NOT EXISTS public.countries (\n  code text,\n  t timestamp\n);';
    const codes = lintSql('x.sql', sql, options).map((f) => f.code);
    expect(codes).not.toContain('rls-required');
    expect(codes).toContain('timestamptz');
  });

  it('need a reason and a known rule', () => {
    const sql = '-- schema:waive timestamptz\nCREATE TABLE IF NOT EXISTS app.a (t timestamp);\n-- schema:waive no-such-rule because\nSELECT 1;';
    const findings = lintSql('x.sql', sql, options);
    expect(findings.filter((f) => f.code === 'waiver').map((f) => f.line)).toEqual([1, 3]);
    expect(findings.filter((f) => f.code === 'timestamptz')).toHaveLength(1);
  });
});
