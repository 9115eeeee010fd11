import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { executeMigrationSql, MigrationStatementError, planUnits, type ExecutionUnit } from '../../src/apply/index.js';
import { loadParser, splitStatements } from '../../src/sql/index.js';
import { InputError } from '../../src/util/findings.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

beforeAll(async () => {
  await loadParser();
});

const shape = (units: ExecutionUnit[]): string[] =>
  units.map((u) => (u.kind === 'alone' ? `alone@${u.line}` : u.kind === 'backfill' ? `backfill@${u.line} ${u.target.qualified}.${u.target.column}` : `${u.explicit ? 'block' : 'tx'}@${u.line}[${u.statements.map((s) => s.line).join(',')}]${u.mode ? ` ${u.mode}` : ''}`));

describe('execution units', () => {
  it('groups explicit blocks, runs of transactional statements, and lone non-transactional statements', () => {
    const script = [
      'CREATE TABLE a (id int);', // 1
      'ALTER TABLE a ADD COLUMN b int;', // 2
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS a_b ON a (b);', // 3
      'BEGIN ISOLATION LEVEL SERIALIZABLE;', // 4
      'UPDATE a SET b = 1;', // 5
      'SAVEPOINT s;', // 6
      'COMMIT;', // 7
      'BEGIN;', // 8
      'COMMIT;', // 9
      'VACUUM a;', // 10
      "ALTER TYPE t ADD VALUE IF NOT EXISTS 'x';", // 11
      'REINDEX INDEX CONCURRENTLY a_b;', // 12
      'DROP INDEX CONCURRENTLY IF EXISTS a_b;', // 13
    ].join('\n');
    expect(shape(planUnits(splitStatements(script)))).toEqual([
      'tx@1[1,2]',
      'alone@3',
      'block@4[5,6] ISOLATION LEVEL SERIALIZABLE',
      'alone@10',
      'tx@11[11]',
      'alone@12',
      'alone@13',
    ]);
  });

  it('rejects a broken transaction structure with its line', () => {
    const units = (s: string) => () => planUnits(splitStatements(s));
    expect(units('BEGIN;\nCREATE TABLE a (id int);')).toThrow(/BEGIN without COMMIT/);
    expect(units('CREATE TABLE a (id int);\nCOMMIT;')).toThrow(/COMMIT without BEGIN/);
    expect(units('BEGIN;\nBEGIN;\nCOMMIT;')).toThrow(/BEGIN inside the transaction opened at line 1/);
    expect(units('BEGIN;\nROLLBACK;')).toThrow(/ROLLBACK in a migration file/);
    expect(units('BEGIN;\nVACUUM;\nCOMMIT;')).toThrow(/cannot run inside a transaction block \(opened at line 1\)/);
  });
});

describe('executeMigrationSql', () => {
  let t: TestDatabase;
  afterEach(async () => {
    await t?.drop();
  });

  it('runs a mixed script; a failure rolls back its transaction and names the line', async () => {
    t = await freshDatabase('exec');
    const seen: string[] = [];
    await executeMigrationSql(
      t.db,
      'CREATE TABLE a (id int PRIMARY KEY);\nINSERT INTO a VALUES (1);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n',
      { lockTimeout: '2s', statementTimeout: '1min', onStatement: (e) => seen.push(`${e.line}:${e.transactional}`) },
    );
    expect(seen).toEqual(['1:true', '2:true', '3:false']);
    const error = await executeMigrationSql(t.db, 'BEGIN;\nCREATE TABLE b (id int);\n\nINSERT INTO a VALUES (1);\nCOMMIT;\n', {
      lockTimeout: '2s',
      statementTimeout: '1min',
      file: 'x.sql',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationStatementError);
    const failure = (error as MigrationStatementError).failure;
    expect(failure).toMatchObject({ file: 'x.sql', line: 4, transactionLine: 1, statement: 'INSERT INTO a VALUES (1)' });
    expect(failure.server?.code).toBe('23505');
    expect(await t.db.query(`SELECT to_regclass('b') IS NULL AS gone`)).toEqual([{ gone: true }]);
  });

  it('records through finalize inside the last transaction, or after a trailing lone statement', async () => {
    t = await freshDatabase('exec');
    await t.db.exec('CREATE TABLE log (note text)');
    const finalize = async (tx: { query: (s: string, p?: readonly unknown[]) => Promise<unknown> }): Promise<void> => {
      await tx.query(`INSERT INTO log VALUES (current_setting('lock_timeout'))`);
    };
    await executeMigrationSql(t.db, 'CREATE TABLE c (id int);', { lockTimeout: '3s', statementTimeout: '1min', finalize });
    await executeMigrationSql(t.db, 'CREATE INDEX CONCURRENTLY c_id ON c (id);', { lockTimeout: '4s', statementTimeout: '1min', finalize });
    expect(await t.db.query(`SELECT note FROM log ORDER BY note`)).toEqual([{ note: '3s' }, { note: '4s' }]);
    // A failing last statement records nothing.
    await expect(executeMigrationSql(t.db, 'CREATE TABLE c (id int);', { lockTimeout: '3s', statementTimeout: '1min', finalize })).rejects.toThrow(/already exists/);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM log`)).toEqual([{ n: 2 }]);
  });

  it('reports a syntax error as bad input with file:line:col', async () => {
    t = await freshDatabase('exec');
    await expect(executeMigrationSql(t.db, 'CREATE TABLE d (id int);\nCREATE TABLEX e;', { lockTimeout: '1s', statementTimeout: '1s', file: 'y.sql' })).rejects.toThrow(InputError);
    await expect(executeMigrationSql(t.db, 'SELECT 1;\nCREATE TABLEX e;', { lockTimeout: '1s', statementTimeout: '1s', file: 'y.sql' })).rejects.toThrow(/^y\.sql:2:\d+: /);
  });
});
