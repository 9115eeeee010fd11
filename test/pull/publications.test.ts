/**
 * Pull of publications: `publications.yaml` holds every publication but the platform's
 * (`supabase_realtime`) and FOR ALL TABLES ones (a warning names those), with only the options that
 * differ from the defaults; tables keep their memberships (column lists and row filters) and
 * REPLICA IDENTITY USING INDEX. A bad publication option is invalid input (exit 2, at file:line:col).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, serverMajor } from '../helpers/db.js';

const since15 = serverMajor() >= 15 ? it : it.skip;

describe('schema pull: publications', () => {
  since15('writes publications.yaml, memberships with column lists and filters, replica identity using index', async () => {
    const t = await freshDatabase('pullpub');
    const cwd = mkdtempSync(join(tmpdir(), 'schema-pull-pub-'));
    try {
      await t.db.exec(`
        CREATE SCHEMA sync; CREATE TABLE sync.a (id int PRIMARY KEY);
        CREATE TABLE public.customers (id int PRIMARY KEY, name text, active boolean);
        CREATE TABLE public.seats (org_id int NOT NULL, seat_no int NOT NULL);
        CREATE UNIQUE INDEX seats_org_seat_key ON public.seats (org_id, seat_no);
        ALTER TABLE public.seats REPLICA IDENTITY USING INDEX seats_org_seat_key;
        CREATE PUBLICATION sync_pub FOR TABLES IN SCHEMA sync WITH (publish = 'insert, update', publish_via_partition_root = true);
        COMMENT ON PUBLICATION sync_pub IS 'sync schema';
        CREATE PUBLICATION crm_pub FOR TABLE public.customers (id, name) WHERE (active);
        CREATE PUBLICATION supabase_realtime;
        CREATE PUBLICATION everything FOR ALL TABLES;`);
      const pull = await runCli(['pull', '--db', t.url, '--out', 'schema'], { cwd });
      expect(pull.code, pull.stderr).toBe(0);
      expect(pull.stderr + pull.stdout).toMatch(/everything.*FOR ALL TABLES|FOR ALL TABLES.*everything/);
      const yaml = readFileSync(join(cwd, 'schema', 'publications.yaml'), 'utf8');
      expect(yaml).toBe('publications:\n  crm_pub:\n  sync_pub: { publish: [ insert, update ], publish_via_partition_root: true, schemas: [ sync ], comment: sync schema }\n');
      const customers = readFileSync(join(cwd, 'schema', 'tables', 'public.customers.yaml'), 'utf8');
      expect(customers).toMatch(/crm_pub: \{ columns: \[ ?id, name ?\], where: active \}/);
      expect(readFileSync(join(cwd, 'schema', 'tables', 'public.seats.yaml'), 'utf8')).toMatch(/replica_identity: \{ index: seats_org_seat_key \}/);

      const same = await runCli(['plan', '--db', t.url], { cwd });
      expect(same.code, same.stdout + same.stderr).toBe(0);
      expect(same.stdout).toContain('No changes');

      writeFileSync(join(cwd, 'schema', 'publications.yaml'), 'publications:\n  crm_pub: { publish: [upsert] }\n  sync_pub: { schemas: [sync] }\n');
      const bad = await runCli(['validate', '--schema', 'schema'], { cwd });
      expect(bad.code).toBe(2);
      expect(bad.stderr + bad.stdout).toMatch(/publications\.yaml:2:\d+/);
    } finally {
      await t.drop();
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);
});
