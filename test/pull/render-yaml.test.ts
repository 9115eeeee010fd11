import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderYaml } from '../../src/pull/render-yaml.js';
import { rng } from '../corpus/generate.js';
import type { Spec } from '../../src/spec/types.js';

const TRICKY = [
  '', ' ', 'null', 'Null', '~', 'true', 'no', 'yes', 'on', 'off', 'y', '1', '-1', '1.0', '1e3', '.5', '0x1f', '0o7', '.inf', '.nan',
  '2024-01-01', '12:30', '- item', '-', '?', ':', 'a: b', 'a:', 'a #b', '#x', '&a', '*a', '!t', '|', '>', "'", '"', '%', '@', '`',
  'a, b', '[x]', '{x}', 'x]', 'a"b', "it's", '"q"', "'q'", 'back\\slash', 'tab\there', ' lead', 'trail ', 'ünï 日本', 'x\u0001y',
  'line1\nline2', '\nstarts with newline', '  indented\nnext', 'ends\n', 'ends twice\n\n', 'no end\nx', '\n', '\n\n', 'a\r\nb',
  'now()', "'{}'::jsonb", 'auth.uid() = user_id', 'CHECK (a > 0)', 'x -- comment', 'a\tb\n\tc',
];

function value(r: () => number, depth: number): unknown {
  const roll = r();
  if (depth > 3 || roll < 0.45) {
    const kind = Math.floor(r() * 5);
    if (kind === 0) return Math.floor(r() * 2000) - 1000;
    if (kind === 1) return r() < 0.5;
    if (kind === 2) return null;
    return TRICKY[Math.floor(r() * TRICKY.length)];
  }
  if (roll < 0.7) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = 0, n = Math.floor(r() * 4); i < n; i++) out[TRICKY[Math.floor(r() * TRICKY.length)]!] = value(r, depth + 1);
  return out;
}

describe('renderYaml', () => {
  it('writes YAML that parses back to the same data, whatever the strings', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const r = rng(seed);
      const keys = ['tables', 'functions', 'enums', 'columns', 'indexes', 'x'];
      const spec: Record<string, unknown> = {};
      for (const key of keys) if (r() < 0.6) spec[key] = { a: value(r, 1), [TRICKY[seed % TRICKY.length]!]: value(r, 1) };
      const text = renderYaml(spec as Spec);
      expect(parse(text), `seed ${seed}:\n${text}`).toEqual(spec);
    }
  });

  it('reads like hand-written YAML', () => {
    const text = renderYaml({
      schemas: { public: null },
      tables: {
        notifications: {
          comment: 'In-app notifications',
          columns: { id: { type: 'uuid', primary_key: true, default: 'gen_random_uuid()' }, payload: { type: 'jsonb', default: {} } },
          indexes: [{ columns: ['a', 'b'], where: 'NOT is_read' }],
        },
      },
      functions: { f: { args: 'a integer, b text', body: '\nBEGIN\n  RETURN 1;\nEND;\n' } },
    } as unknown as Spec);
    expect(text).toBe(
      [
        'schemas:',
        '  public:',
        'tables:',
        '  notifications:',
        '    comment: In-app notifications',
        '    columns:',
        '      id: { type: uuid, primary_key: true, default: gen_random_uuid() }',
        '      payload: { type: jsonb, default: {} }',
        '    indexes:',
        '      - { columns: [ a, b ], where: NOT is_read }',
        'functions:',
        '  f:',
        '    args: a integer, b text',
        '    body: |2',
        '',
        '      BEGIN',
        '        RETURN 1;',
        '      END;',
        '',
      ].join('\n'),
    );
  });
});
