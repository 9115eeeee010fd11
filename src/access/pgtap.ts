/** Access tests as pgTAP files (one per case, for `supabase test db` / pg_prove). Pure. */
import { quoteLiteral } from '../catalog/names.js';
import type { SourcePosition } from '../spec/types.js';
import { expectation, probeSql, setupSql, verdictSql } from './script.js';
import type { AccessCase } from './types.js';

/** A file name per case: `<schema>.<table>--<case>.test.sql`, reduced to safe characters. */
export function pgtapFileName(c: AccessCase): string {
  const safe = (text: string): string => text.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return `${safe(c.table)}--${safe(c.name)}.test.sql`;
}

export function pgtapFile(c: AccessCase, at: SourcePosition): string {
  const title = `${c.table}: ${c.name} (as ${c.as}: ${expectation(c)})`;
  return [
    `-- Access test ${c.table}: ${c.name}, declared at ${at.file}:${at.line}:${at.col}.`,
    '-- Written by `schema test --emit pgtap`: edit the YAML, not this file.',
    'BEGIN;',
    'SELECT plan(1);',
    setupSql(c),
    probeSql(c),
    `SELECT ok(${verdictSql(c)}, ${quoteLiteral(title)});`,
    'SELECT * FROM finish();',
    'ROLLBACK;',
    '',
  ].join('\n');
}
