/** validate warns when a role is granted a table or sequence in a schema it cannot use. */
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/index.js';
import { validateSpec } from '../../src/rules/index.js';
import { specDir } from './helpers.js';

const CONFIG = { exposed_schemas: ['public', 'api'], preset: 'supabase' } as const;

async function unreachable(yaml: string): Promise<string[]> {
  const dir = specDir({ 'x.yaml': yaml });
  const { errors, findings } = validateSpec(await loadSpec(dir), CONFIG);
  expect(errors).toEqual([]);
  return findings.filter((f) => f.code === 'unreachable-grant').map((f) => `${f.line}:${f.col} ${f.message}`);
}

const spec = (schemaGrants: string): string => `schemas:
  public:
  api:${schemaGrants}
sequences:
  api.counter: { grants: { authenticated: [usage] } }
tables:
  api.items:
    columns:
      id: { type: uuid, primary_key: true, default: gen_random_uuid() }
    rls: true
    grants: { anon: [select], service_role: [all] }
    policies:
      items_read: { for: select, to: anon, using: "true" }
  notes:
    columns:
      id: { type: uuid, primary_key: true, default: gen_random_uuid() }
    rls: true
    grants: { anon: [select] }
    policies:
      notes_read: { for: select, to: anon, using: "true" }
`;

describe('unreachable grants', () => {
  it('warns at the role of each grant in a schema without USAGE for it', async () => {
    expect(await unreachable(spec(''))).toEqual([
      '5:28 authenticated is granted sequence api.counter but has no USAGE on schema api, so it cannot reach it',
      '11:15 anon is granted table api.items but has no USAGE on schema api, so it cannot reach it',
      '11:31 service_role is granted table api.items but has no USAGE on schema api, so it cannot reach it',
    ]);
  });

  it('is quiet once the schema grants USAGE (directly, through all, or to PUBLIC)', async () => {
    expect(await unreachable(spec('\n    grants: { anon: [usage], service_role: [all], public: [] , authenticated: [usage] }'))).toEqual([]);
    expect(await unreachable(spec('\n    grants: { public: [usage] }'))).toEqual([]);
  });

  it('warns on public only when its grants are declared without the role', async () => {
    const out = await unreachable(spec('\n    grants: { public: [usage] }').replace('  public:\n', '  public: { grants: { authenticated: [usage] } }\n'));
    expect(out).toEqual(['19:15 anon is granted table notes but has no USAGE on schema public, so it cannot reach it']);
  });
});
