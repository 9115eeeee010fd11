import { join } from 'node:path';
import { isTimestampVersion, parseForwardName, parseRollbackName } from '../migrations/naming.js';
import type { Finding } from '../util/findings.js';
import type { Rule } from './types.js';

export const sequentialNumbering: Rule = {
  id: 'sequential-numbering',
  title: 'Migration files are NNN_slug.sql, numbered without gaps or duplicates',
  severity: 'error',
  docs: `## Why
Runners apply migrations in number order and refuse gaps. Two files with one number run in an
undefined order; a gap usually means a file was lost in a merge.

## Bad
\`\`\`
001_init.sql
003_add_notifications.sql      # 002 is missing
003_add_profiles.sql           # 003 twice
add_index.sql                  # not NNN_slug.sql
\`\`\`

## Good
\`\`\`
001_init.sql        rollback_001.sql
002_add_profiles.sql rollback_002.sql
\`\`\`
\`schema plan\` always takes the next free number.

## Waive
A directory rule has no statement to carry an inline waiver; renumber the files (or, for history
already applied everywhere, leave the gap and accept the finding in CI with \`--format json\` filtering).
`,
  checkDirectory(input) {
    const findings: Finding[] = [];
    const byVersion = new Map<number, string[]>();
    for (const { name } of input.files) {
      if (!name.endsWith('.sql')) continue;
      const forward = parseForwardName(name);
      if (forward) {
        byVersion.set(forward.version, [...(byVersion.get(forward.version) ?? []), name]);
      } else if (parseRollbackName(name) === undefined) {
        findings.push({
          file: join(input.dir, name), line: 1, col: 1, severity: 'warning', code: 'sequential-numbering',
          message: `"${name}" is not named NNN_slug.sql or rollback_NNN.sql, so no runner will apply it in order`,
          fix: 'rename it to the next free NNN_slug.sql (with its rollback_NNN.sql), or move it out of the migrations directory',
        });
      }
    }
    const versions = [...byVersion.keys()].sort((a, b) => a - b);
    for (const version of versions) {
      const names = byVersion.get(version)!;
      for (const name of names.slice(1)) {
        findings.push({
          file: join(input.dir, name), line: 1, col: 1, severity: 'error', code: 'sequential-numbering',
          message: `number ${version} is used twice (${names.join(', ')})`,
          fix: `renumber "${name}" to ${String((versions[versions.length - 1] ?? 0) + 1).padStart(3, '0')} (the next free number) and its rollback with it`,
        });
      }
    }
    // Timestamp versions (a Supabase CLI project) leave gaps by design.
    for (let i = 1; i < versions.length; i++) {
      const previous = versions[i - 1]!;
      const current = versions[i]!;
      if (current > previous + 1 && !isTimestampVersion(current)) {
        const missing = current - previous === 2 ? String(previous + 1) : `${previous + 1}-${current - 1}`;
        findings.push({
          file: join(input.dir, byVersion.get(current)![0]!), line: 1, col: 1, severity: 'error', code: 'sequential-numbering',
          message: `gap in numbering: ${missing} missing between ${previous} and ${current}`,
          fix: 'restore the missing file(s) or renumber so that numbers follow one another',
        });
      }
    }
    return findings;
  },
};
