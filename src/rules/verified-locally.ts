import type { Rule } from './types.js';

export const verifiedLocally: Rule = {
  id: 'verified-locally',
  title: 'Migrations run on a scratch copy first: forward, rollback, forward again',
  severity: 'error',
  docs: `## Why
A migration that was never run is a guess. Running it on a scratch copy of the schema forward,
then the rollback, then forward again proves that it applies, that the rollback restores the
prior schema, and that a retried deploy is harmless.

## Bad
Writing \`NNN_slug.sql\` by hand and running it for the first time against production.

## Good
\`schema plan\` verifies every pair on a shadow database before it writes the files (introspect
after forward equals the YAML; after rollback equals the live schema; forward again changes
nothing). A plan that fails verification is never written.

## Checks
This rule has no static check: it is a property of how a file was produced, not of its text.
\`schema lint\` cannot prove it for hand-written files; \`schema plan\` enforces it by construction.

## Waive
Not waivable.
`,
};
