/**
 * Objects named like the properties every JavaScript object has (`__proto__`, `constructor`,
 * `toString`, ...) are planned like any other name: added to, changed on and dropped from a table
 * that already exists, in a schema of such a name too.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { Change } from '../../src/plan/changes.js';
import { securityChanges } from '../../src/planner/security-summary.js';
import { roundTrip } from './harness.js';

const TABLE = `
CREATE SCHEMA "constructor";
CREATE TABLE "constructor"."__proto__" (
  "__proto__" integer PRIMARY KEY,
  "constructor" text NOT NULL DEFAULT '',
  "toString" integer,
  "valueOf" integer
);
ALTER TABLE "constructor"."__proto__" ENABLE ROW LEVEL SECURITY;
CREATE FUNCTION "constructor"."valueOf"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;`;

const OBJECTS = `
ALTER TABLE "constructor"."__proto__" ADD CONSTRAINT "constructor" CHECK ("toString" > 0);
ALTER TABLE "constructor"."__proto__" ADD CONSTRAINT "toString" UNIQUE ("constructor", "toString");
ALTER TABLE "constructor"."__proto__" ADD CONSTRAINT "__proto__" FOREIGN KEY ("valueOf") REFERENCES "constructor"."__proto__" ("__proto__") ON DELETE CASCADE;
CREATE INDEX "hasOwnProperty" ON "constructor"."__proto__" ("toString");
CREATE INDEX "valueOf" ON "constructor"."__proto__" ("valueOf");
CREATE POLICY "__proto__" ON "constructor"."__proto__" FOR SELECT TO authenticated USING (true);
CREATE POLICY "constructor" ON "constructor"."__proto__" FOR UPDATE TO authenticated USING ("toString" > 1);
CREATE TRIGGER "isPrototypeOf" BEFORE UPDATE ON "constructor"."__proto__" FOR EACH ROW EXECUTE FUNCTION "constructor"."valueOf"();
CREATE TRIGGER "toLocaleString" BEFORE INSERT ON "constructor"."__proto__" FOR EACH ROW EXECUTE FUNCTION "constructor"."valueOf"();
GRANT SELECT ON "constructor"."__proto__" TO authenticated;`;

const inputs = { managedSchemas: ['constructor'] };

describe('objects named like JavaScript object properties', () => {
  it('are added to a table that exists', async () => {
    const { plan, live, desired } = await roundTrip(TABLE, TABLE + OBJECTS, { inputs });
    const kinds = (plan.changes as readonly Change[]).map((c) => c.kind);
    expect(kinds.filter((k) => k === 'CreatePolicy')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'AddConstraint')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'CreateIndex')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'CreateTrigger')).toHaveLength(2);
    const security = securityChanges(live, desired, ['authenticated']).map((c) => c.text);
    expect(security).toEqual([
      '`authenticated` gains select',
      'policy `__proto__` added (select to authenticated)',
      'policy `constructor` added (update to authenticated)',
    ]);
  });

  it('are dropped from a table that stays', async () => {
    const { plan, live, desired } = await roundTrip(TABLE + OBJECTS, TABLE, { inputs });
    const kinds = (plan.changes as readonly Change[]).map((c) => c.kind);
    expect(kinds.filter((k) => k === 'DropPolicy')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'DropConstraint')).toHaveLength(3);
    expect(securityChanges(live, desired, ['authenticated']).map((c) => c.text)).toContain('policy `constructor` dropped');
  });

  it('are changed in place', async () => {
    const changed = OBJECTS.replace('USING ("toString" > 1)', 'USING ("toString" > 2)').replace('CHECK ("toString" > 0)', 'CHECK ("toString" > 5)');
    const { live, desired } = await roundTrip(TABLE + OBJECTS, TABLE + changed, { inputs });
    expect(securityChanges(live, desired, ['authenticated']).map((c) => c.text)).toEqual(['policy `constructor` changed']);
  });

  it('as enum values: dropping one is flagged as deleting data', async () => {
    const before = `CREATE SCHEMA "constructor"; CREATE TYPE "constructor"."valueOf" AS ENUM ('a', 'toString', 'constructor');`;
    const after = `CREATE SCHEMA "constructor"; CREATE TYPE "constructor"."valueOf" AS ENUM ('a', 'constructor');`;
    const { plan } = await roundTrip(before, after, { inputs });
    expect(plan.hazards).toContain('deletes-data');
  });

  it('in spec files, through the command line: a table named `__proto__` is valid; a top-level `constructor` is an unknown key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-object-names-'));
    try {
      mkdirSync(join(dir, 'schema'));
      const table = 'tables:\n  __proto__:\n    columns:\n      __proto__: { type: uuid, primary_key: true }\n      constructor: { type: text }\n    policies:\n      toString: { for: select, to: authenticated, using: "true" }\n    rls: true\n    grants: { authenticated: [select] }\n';
      writeFileSync(join(dir, 'schema', 'a.yaml'), table);
      const valid = await runCli(['validate'], { cwd: dir });
      expect(valid.stderr).toContain('1 file, valid');
      expect(valid.code).toBe(0);
      writeFileSync(join(dir, 'schema', 'b.yaml'), 'constructor: 1\n');
      const invalid = await runCli(['validate'], { cwd: dir });
      expect(invalid.code).toBe(2);
      expect(invalid.stderr).toContain('schema/b.yaml:1:1');
      expect(invalid.stderr).toContain('"constructor"');
      expect(invalid.stderr).not.toContain('duplicate');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

