import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRuleDoc, rules } from '../../src/rules/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { BAD_SQL } from './sql-cases.js';
import { BAD_SPEC } from './spec-cases.js';
import { BAD_DIRECTORY } from '../lint/directory-cases.js';

const CHECKLIST_IDS = [
  'sequential-numbering', 'rollback-present', 'timestamptz', 'enum-idempotent', 'uuid-keys', 'rls-required', 'fk-on-delete',
  'jsonb-default', 'not-null-default', 'idempotent-ddl', 'pgbouncer-safe', 'api-exposure', 'updated-at-trigger', 'verified-locally',
  'concurrent-index', 'fk-not-valid', 'lock-timeout', 'no-table-rewrite', 'destructive', 'backwards-compatible', 'online-backfill',
];

describe('rule registry', () => {
  it('holds exactly the checklist ids, once each, in checklist order', () => {
    expect(rules.map((r) => r.id)).toEqual(CHECKLIST_IDS);
  });

  it('the checklist in docs/ links every registered rule to its page, and every link resolves', () => {
    const text = readFileSync(join(REPO_ROOT, 'docs', 'CHECKLIST.md'), 'utf8');
    for (const id of CHECKLIST_IDS) expect(text, `docs/CHECKLIST.md: link ${id} to rules/${id}.md`).toContain(`[\`${id}\`](rules/${id}.md)`);
    for (const [, target] of text.matchAll(/\]\(([^)]+)\)/g)) {
      expect(existsSync(join(REPO_ROOT, 'docs', target!)), `docs/CHECKLIST.md links ${target}`).toBe(true);
    }
  });

  it('the README links nothing outside the repository', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    for (const [, target] of readme.matchAll(/\]\(([^)#]+)[^)]*\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue; // absolute URLs
      expect(existsSync(join(REPO_ROOT, target!)), `README links ${target}`).toBe(true);
      expect(target!.startsWith('..'), `README links ${target} outside the repository`).toBe(false);
    }
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('has docs: why, bad, good, how to waive', () => {
        expect(rule.title.length).toBeGreaterThan(10);
        for (const section of ['## Why', '## Bad', '## Good', '## Waive']) expect(rule.docs).toContain(section);
      });

      it('has its page in docs/rules, generated from the rule', () => {
        const page = join(REPO_ROOT, 'docs', 'rules', `${rule.id}.md`);
        expect(existsSync(page), `missing ${page}: run npm run build && node dist/rules/write-docs.js`).toBe(true);
        expect(readFileSync(page, 'utf8'), `stale ${page}: run node dist/rules/write-docs.js`).toBe(renderRuleDoc(rule));
      });

      it('has failing cases for each place it checks', () => {
        if (rule.checkSql) expect(BAD_SQL[rule.id]?.length ?? 0, 'no SQL cases in test/rules/sql-cases.ts').toBeGreaterThan(0);
        if (rule.checkSpec) expect(BAD_SPEC[rule.id]?.length ?? 0, 'no spec cases in test/rules/spec-rules.test.ts').toBeGreaterThan(0);
        if (rule.checkDirectory) expect(BAD_DIRECTORY[rule.id]?.length ?? 0, 'no directory cases in test/lint/directory-cases.ts').toBeGreaterThan(0);
        if (!rule.checkSql && !rule.checkSpec && !rule.checkDirectory) expect(rule.docs).toContain('no static check');
      });
    });
  }
});
