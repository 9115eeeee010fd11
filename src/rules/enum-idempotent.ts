import { strings } from '../sql/ast.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, sqlFinding } from './helpers.js';
import { isGuarded } from './sql-facts.js';
import type { Rule } from './types.js';

const ID = 'enum-idempotent';

export const enumIdempotent: Rule = {
  id: ID,
  title: 'Enums are created in a duplicate_object-guarded DO block; values added with IF NOT EXISTS',
  severity: 'error',
  docs: `## Why
PostgreSQL has no \`CREATE TYPE IF NOT EXISTS\`. A bare \`CREATE TYPE ... AS ENUM\` fails the
second time the migration runs (a retried deploy, a restored database), and the whole file aborts.

## Bad
\`\`\`sql
CREATE TYPE notification_kind AS ENUM ('system', 'reminder');
ALTER TYPE notification_kind ADD VALUE 'partner_request';
\`\`\`

## Good
\`\`\`sql
DO $$ BEGIN
  CREATE TYPE notification_kind AS ENUM ('system', 'reminder');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
ALTER TYPE notification_kind ADD VALUE IF NOT EXISTS 'partner_request';
\`\`\`
A DO block that checks \`IF NOT EXISTS (SELECT 1 FROM pg_type ...)\` first is also accepted.

## Waive
\`-- schema:waive enum-idempotent reason\` on the statement's line or the line before.
`,
  checkSql(input) {
    const findings: Finding[] = [];
    for (const unit of analysisOf(input).units) {
      if (unit.kind === 'CreateEnumStmt' && !isGuarded(unit, ['duplicate_object'])) {
        const name = strings(unit.body['typeName']).join('.');
        findings.push(sqlFinding(input, unit, undefined, 'error', ID,
          unit.inDo ? `CREATE TYPE ${name} AS ENUM is in a DO block without EXCEPTION WHEN duplicate_object` : `bare CREATE TYPE ${name} AS ENUM fails when the type already exists`,
          'wrap it: DO $$ BEGIN CREATE TYPE ... AS ENUM (...); EXCEPTION WHEN duplicate_object THEN NULL; END $$;'));
      }
      if (unit.kind === 'AlterEnumStmt' && unit.body['newVal'] !== undefined && unit.body['oldVal'] === undefined &&
          unit.body['skipIfNewValExists'] !== true && !isGuarded(unit, ['duplicate_object'])) {
        findings.push(sqlFinding(input, unit, undefined, 'error', ID,
          `ADD VALUE '${String(unit.body['newVal'])}' without IF NOT EXISTS fails when the value exists`,
          `write ALTER TYPE ${strings(unit.body['typeName']).join('.')} ADD VALUE IF NOT EXISTS '${String(unit.body['newVal'])}'`));
      }
    }
    return findings;
  },
};
