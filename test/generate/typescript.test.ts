/**
 * The generated `Database` type compiled against the real `@supabase/supabase-js` (a devDependency):
 * clients of the example app and of a spec with two schemas, relationships, a function and a shaped
 * JSONB column type-check; reading an unknown column, an enum value or shape value that does not
 * exist fail tsc, at the lines that do it. One tsc run for all files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, REPO_ROOT } from '../helpers/cli.js';

let work: string;
let errors: string[];

const EXAMPLE_CLIENT = `import { createClient } from '@supabase/supabase-js'
import type { Database, Enums } from './example.types.js'

const supabase = createClient<Database>('http://127.0.0.1:54321', 'anon-key')

export async function example(userId: string): Promise<void> {
  const { data: profile } = await supabase.from('profiles').select('id, display_name, username, created_at').eq('id', userId).single()
  const username: string | null | undefined = profile?.username
  await supabase.from('notifications').insert({ recipient_user_id: userId, kind: 'reminder', payload: { at: '09:00' } })
  const { data: unread } = await supabase.from('notifications').select('*').eq('is_read', false)
  const kind: Enums<'notification_kind'> | undefined = unread?.[0]?.kind
  void username, kind
}
`;

const FIXTURE_CLIENT = `import { createClient } from '@supabase/supabase-js'
import type { Database, Tables, TablesInsert } from './fixture.types.js'

const supabase = createClient<Database>('http://127.0.0.1:54321', 'anon-key')

export async function fixture(userId: string): Promise<void> {
  const { data: profile } = await supabase.from('profiles').select('id, display_name, settings').eq('id', userId).single()
  const theme: 'light' | 'dark' | undefined = profile?.settings.theme
  await supabase.from('profiles').update({ settings: { theme: 'dark', emails: true } }).eq('id', userId)
  const { data: links } = await supabase
    .from('partner_connections')
    .select('id, status, requester:profiles!partner_connections_requester_id_fkey(display_name)')
    .eq('status', 'accepted')
  const requester: string | undefined = links?.[0]?.requester.display_name
  const insert: TablesInsert<'partner_connections'> = { requester_id: userId, addressee_id: userId }
  await supabase.from('partner_connections').insert(insert)
  const { data: tasks } = await supabase.schema('app').from('tasks').select('title, title_length, priority')
  const priority: 'low' | 'normal' | 'high' | undefined = tasks?.[0]?.priority
  const { data: count } = await supabase.rpc('connection_count', { user_id: userId })
  const n: number | null = count
  const row: Pick<Tables<'profiles'>, 'display_name'> | null = profile
  void theme, requester, priority, n, row
}
`;

/** Each line that must fail, with the error tsc gives. */
const BAD_LINES: readonly (readonly [string, string])[] = [
  ["  const { data: all } = await supabase.from('profiles').select('*').single()", ''],
  ['  const a: string | undefined = all?.no_such_column', 'TS2339'],
  ["  const { data: picked } = await supabase.from('profiles').select('display_name, no_such_column').single()", ''],
  ['  const b: string | undefined = picked?.no_such_column', 'TS2339'],
  ["  await supabase.from('partner_connections').update({ status: 'bogus' }).eq('id', userId)", 'TS2322'],
  ["  await supabase.from('profiles').update({ settings: { theme: 'blue' } }).eq('id', userId)", 'TS2322'],
  ["  await supabase.schema('app').from('tasks').update({ title_length: 3 }).eq('id', 1)", 'TS2322'],
];

const BAD_HEADER = `import { createClient } from '@supabase/supabase-js'
import type { Database } from './fixture.types.js'

const supabase = createClient<Database>('http://127.0.0.1:54321', 'anon-key')

export async function bad(userId: string): Promise<void> {
`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'schema-ts-'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(work, 'node_modules'));
  const a = await runCli(['generate', 'typescript', '--out', join(work, 'example.types.ts')], { cwd: REPO_ROOT });
  expect(a.code, a.stderr).toBe(0);
  const b = await runCli(['generate', 'typescript', '--out', join(work, 'fixture.types.ts')], { cwd: join(import.meta.dirname, 'fixture') });
  expect(b.code, b.stderr).toBe(0);
  writeFileSync(join(work, 'example.ts'), EXAMPLE_CLIENT);
  writeFileSync(join(work, 'fixture.ts'), FIXTURE_CLIENT);
  writeFileSync(join(work, 'bad.ts'), `${BAD_HEADER}${BAD_LINES.map(([line]) => line).join('\n')}\n  void a, b\n}\n`);
  const compilerOptions = { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: true, types: [] };
  writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['example.ts', 'fixture.ts', 'bad.ts'] }));
  const tsc = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', work], { cwd: work, encoding: 'utf8', timeout: 120_000 });
  errors = tsc.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('supabase-js with the generated Database type', () => {
  it('type-checks real queries: selects, embeds through Relationships, inserts, rpc, another schema, shapes', () => {
    expect(errors.filter((e) => !e.startsWith('bad.ts'))).toEqual([]);
  });

  it('fails tsc on unknown columns, enum and shape values that do not exist, and writes to generated columns', () => {
    const firstLine = BAD_HEADER.split('\n').length;
    const expected = BAD_LINES.flatMap(([, code], i) => (code ? [`${firstLine + i}:${code}`] : []));
    const seen = errors.map((e) => /^bad\.ts\((\d+),\d+\): error (TS\d+)/.exec(e)).map((m) => (m ? `${m[1]}:${m[2]}` : 'unparsed'));
    expect(seen).toEqual(expected);
  });
});
