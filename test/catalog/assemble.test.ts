import { describe, expect, it } from 'vitest';
import { finishCatalog, newAssembly, rowSink, type Assembly } from '../../src/catalog/introspect/assemble.js';
import type { QueryName } from '../../src/catalog/introspect/queries.js';

/** One query's rows, in order, into the assembly. */
function addRows(assembly: Assembly, name: QueryName, rows: readonly Record<string, unknown>[]): void {
  const sink = rowSink(assembly, name);
  for (const row of rows) sink.add(row);
  sink.end();
}

const policy = (rel: string, name: string) => ({
  rel,
  name,
  command: 'r',
  permissive: true,
  roles: ['public'],
  using_expr: 'true',
  check_expr: null,
  comment: null,
});

const table = (oid: string, name: string) => ({
  oid,
  schema: 'public',
  name,
  partitioned: false,
  rls: true,
  force_rls: false,
  acl: null,
  owner: 'postgres',
});

describe('catalog assembly', () => {
  it('keys each relation by name in JavaScript order, whatever order the rows arrive in', () => {
    const assembly = newAssembly();
    // C collation sorts U+FF21 before U+1F600 (UTF-8 bytes); JavaScript compares UTF-16 units, so
    // the emoji (a surrogate pair, 0xD83D...) comes first. The rows of relation 1 also come back
    // after relation 2's.
    const sink = rowSink(assembly, 'policies');
    for (const row of [policy('1', 'b'), policy('1', '\uFF21'), policy('1', '\u{1F600}'), policy('2', 'z'), policy('2', 'y'), policy('1', 'a')]) {
      sink.add(row);
    }
    sink.end();
    addRows(assembly, 'tables', [table('1', 'one'), table('2', 'two')]);
    const catalog = finishCatalog(assembly);
    expect(Object.keys(catalog.tables['public.one']!.policies)).toEqual(['a', 'b', '\u{1F600}', '\uFF21']);
    expect(Object.keys(catalog.tables['public.two']!.policies)).toEqual(['y', 'z']);
    expect(catalog.tables['public.one']!.policies['a']).toMatchObject({ name: 'a', command: 'select', using: 'true' });
  });

  it('keeps a name that Object.prototype holds as an ordinary key', () => {
    const assembly = newAssembly();
    addRows(assembly, 'policies', [policy('1', '__proto__'), policy('1', 'constructor')]);
    addRows(assembly, 'tables', [table('1', 'one')]);
    const policies = finishCatalog(assembly).tables['public.one']!.policies;
    expect(Object.keys(policies)).toEqual(['__proto__', 'constructor']);
    expect(policies['constructor']).toMatchObject({ name: 'constructor' });
  });
});
