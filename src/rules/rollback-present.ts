import { basename, join } from 'node:path';
import { parseForwardName, parseRollbackName, rollbackFileName } from '../migrations/naming.js';
import type { Finding } from '../util/findings.js';
import type { Rule } from './types.js';

export const rollbackPresent: Rule = {
  id: 'rollback-present',
  title: 'Every NNN_*.sql has a non-empty rollback_NNN.sql',
  severity: 'error',
  docs: `## Why
A migration without a rollback turns a bad deploy into an outage: there is no tested way back.
The rollback restores the prior schema (data dropped by the forward file is not restored, and says so).

## Bad
\`\`\`
004_add_notifications.sql       # no rollback_004.sql
rollback_005.sql                # empty, or only comments
\`\`\`

## Good
\`\`\`sql
-- rollback_004.sql
BEGIN;
SET LOCAL lock_timeout = '5s';
DROP TABLE IF EXISTS public.notifications;
COMMIT;
\`\`\`

## Waive
Not waivable per statement; \`schema plan\` writes and verifies both files.
`,
  checkDirectory(input) {
    const findings: Finding[] = [];
    const names = new Set(input.files.map((f) => f.name));
    const forwardVersions = new Set(input.files.map((f) => parseForwardName(f.name)?.version).filter((v) => v !== undefined));
    for (const { name, size } of input.files) {
      const forward = parseForwardName(name);
      if (forward && !names.has(rollbackFileName(forward.version))) {
        findings.push({
          file: join(input.dir, name), line: 1, col: 1, severity: 'error', code: 'rollback-present',
          message: `no ${rollbackFileName(forward.version)} for this migration`,
          fix: `write ${rollbackFileName(forward.version)} that restores the schema as it was before ${name}`,
        });
      }
      const rollback = parseRollbackName(name);
      if (rollback !== undefined && size === 0) {
        findings.push({
          file: join(input.dir, name), line: 1, col: 1, severity: 'error', code: 'rollback-present',
          message: 'the rollback file is empty',
          fix: 'write the statements that undo the forward migration',
        });
      }
      if (rollback !== undefined && !forwardVersions.has(rollback)) {
        findings.push({
          file: join(input.dir, name), line: 1, col: 1, severity: 'warning', code: 'rollback-present',
          message: `rollback for migration ${rollback}, but there is no ${String(rollback).padStart(3, '0')}_*.sql`,
          fix: 'remove the orphaned rollback or restore its forward migration',
        });
      }
    }
    return findings;
  },
  checkSql(input) {
    if (parseRollbackName(basename(input.path)) === undefined) return [];
    if (input.statements.length > 0 || input.text.trim() === '') return [];
    return [{
      file: input.path, line: 1, col: 1, severity: 'error', code: 'rollback-present',
      message: 'the rollback file has no statements (only comments)',
      fix: 'write the statements that undo the forward migration',
    }];
  },
};
