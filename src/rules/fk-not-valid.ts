import { location, qualified, type RangeVar } from '../sql/ast.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, sqlFinding } from './helpers.js';
import { altersOf, constraintsOf } from './sql-facts.js';
import type { Rule } from './types.js';

const ID = 'fk-not-valid';

export const fkNotValid: Rule = {
  id: ID,
  title: 'FKs and CHECKs on existing tables are added NOT VALID, then validated separately',
  severity: 'error',
  docs: `## Why
Adding a FOREIGN KEY or CHECK validates every existing row while holding a lock that blocks
writes (and, for a FK, the referenced table too). Adding it \`NOT VALID\` is instant; \`VALIDATE
CONSTRAINT\` afterwards scans with a lock that lets reads and writes continue. Validating in the
same transaction as the NOT VALID add gains nothing.

## Bad
\`\`\`sql
ALTER TABLE notes ADD CONSTRAINT notes_user_fk FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;
\`\`\`

## Good
\`\`\`sql
BEGIN; SET LOCAL lock_timeout = '5s';
ALTER TABLE notes ADD CONSTRAINT notes_user_fk FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE NOT VALID;
COMMIT;
BEGIN; SET LOCAL lock_timeout = '5s';
ALTER TABLE notes VALIDATE CONSTRAINT notes_user_fk;
COMMIT;
\`\`\`
(Each in a DO-block guard or after \`DROP CONSTRAINT IF EXISTS\` to stay idempotent.)

## Waive
\`-- schema:waive fk-not-valid table is small\` on the statement's line or the line before.
`,
  checkSql(input) {
    const findings: Finding[] = [];
    const analysis = analysisOf(input);
    const notValid = new Map<string, number | undefined>();
    for (const { unit, table, constraint, altered } of constraintsOf(analysis)) {
      const type = constraint['contype'];
      if (!altered || (type !== 'CONSTR_FOREIGN' && type !== 'CONSTR_CHECK')) continue;
      if (constraint['skip_validation'] === true) {
        notValid.set(`${table}:${String(constraint['conname'] ?? '')}`, unit.transaction);
        continue;
      }
      if (analysis.createdTables.has(table)) continue;
      const what = type === 'CONSTR_FOREIGN' ? `FOREIGN KEY -> ${qualified(constraint['pktable'] as RangeVar)}` : 'CHECK';
      findings.push(sqlFinding(input, unit, location(constraint), 'error', ID,
        `${what} added to existing table ${table} validates every row under a write-blocking lock`,
        'add it NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT ... in a separate transaction'));
    }
    for (const alter of altersOf(analysis)) {
      if (alter.subtype !== 'AT_ValidateConstraint') continue;
      const txn = notValid.get(`${alter.table}:${String(alter.cmd['name'] ?? '')}`);
      if (txn !== undefined && txn === alter.unit.transaction) {
        findings.push(sqlFinding(input, alter.unit, undefined, 'warning', ID,
          `VALIDATE CONSTRAINT ${String(alter.cmd['name'])} runs in the same transaction as its NOT VALID add, so the add's lock is held during the scan`,
          'COMMIT after the NOT VALID add and validate in a new transaction'));
      }
    }
    return findings;
  },
};
