import { describe, expect, it } from 'vitest';
import { columnDefault, indexKeySpec, readableDefault, shortType, specRef, specRefOfKey, stripOuterParens } from '../../src/pull/sql-text.js';
import { indexColumns, indexKeyElements } from '../../src/catalog/introspect/index-keys.js';

describe('readable SQL text', () => {
  it('writes types in their short forms', () => {
    expect(shortType('timestamp with time zone')).toBe('timestamptz');
    expect(shortType('timestamp(3) with time zone')).toBe('timestamptz(3)');
    expect(shortType('timestamp without time zone')).toBe('timestamp');
    expect(shortType('timestamp(0) without time zone[]')).toBe('timestamp(0)[]');
    expect(shortType('time without time zone')).toBe('time');
    expect(shortType('character varying(20)')).toBe('varchar(20)');
    expect(shortType('character varying[]')).toBe('varchar[]');
    expect(shortType('character(1)')).toBe('char(1)');
    expect(shortType('"char"')).toBe('"char"');
    expect(shortType('public.mood')).toBe('mood');
    expect(shortType('public.mood[]')).toBe('mood[]');
    expect(shortType('public."My Type"')).toBe('"My Type"');
    expect(shortType('app.status')).toBe('app.status');
    expect(shortType('numeric(10,2)')).toBe('numeric(10,2)');
  });

  it('writes defaults as a person would', () => {
    expect(readableDefault('now()', 'timestamp with time zone')).toBe('now()');
    expect(readableDefault('gen_random_uuid()', 'uuid')).toBe('gen_random_uuid()');
    expect(readableDefault('false', 'boolean')).toBe(false);
    expect(readableDefault('0', 'integer')).toBe(0);
    expect(readableDefault("'-1'::integer", 'integer')).toBe(-1);
    expect(readableDefault('0.00', 'numeric(12,2)')).toBe('0.00');
    expect(readableDefault("'{}'::jsonb", 'jsonb')).toEqual({});
    expect(readableDefault("'[]'::jsonb", 'jsonb')).toEqual([]);
    expect(readableDefault(`'{"a": [1, "x", null]}'::jsonb`, 'jsonb')).toEqual({ a: [1, 'x', null] });
    // A float would not come back byte-identical from YAML: kept as SQL.
    expect(readableDefault(`'{"a": 1.50}'::jsonb`, 'jsonb')).toBe(`'{"a": 1.50}'::jsonb`);
    expect(readableDefault(`'"x"'::jsonb`, 'jsonb')).toBe(`'"x"'::jsonb`);
    expect(readableDefault("'draft'::public.status", 'public.status')).toBe("'draft'");
    expect(readableDefault("'it''s'::text", 'text')).toBe("'it''s'");
    expect(readableDefault("'x'::character varying", 'character varying(20)')).toBe("'x'");
    // A cast to another type than the column's stays as written.
    expect(readableDefault("'5'::text", 'integer')).toBe("'5'::text");
    expect(readableDefault("nextval('public.t_id_seq'::regclass)", 'integer')).toBe("nextval('public.t_id_seq'::regclass)");
  });

  it('writes an enum default as the bare value', () => {
    const isEnum = (type: string) => type === 'public.mood';
    expect(columnDefault({ name: 'm', type: 'public.mood', notNull: true, default: "'it''s'::public.mood" }, isEnum)).toBe("it's");
    expect(columnDefault({ name: 't', type: 'text', notNull: true, default: "'x'::text" }, isEnum)).toBe("'x'");
  });

  it('puts index expressions in parentheses, keeping the operator class and ordering outside', () => {
    expect(indexKeySpec('lower(note) text_pattern_ops')).toBe('(lower(note)) text_pattern_ops');
    expect(indexKeySpec("coalesce(a, ')') DESC")).toBe("(coalesce(a, ')')) DESC");
    expect(indexKeySpec('((a + b))')).toBe('((a + b))');
    expect(indexKeySpec('a DESC NULLS LAST')).toBe('a DESC NULLS LAST');
    expect(indexKeySpec('"select" DESC')).toBe('"select" DESC');
  });

  it('drops only parentheses that wrap the whole expression', () => {
    expect(stripOuterParens('(a > 0)')).toBe('a > 0');
    expect(stripOuterParens('(a > 0) AND (b > 0)')).toBe('(a > 0) AND (b > 0)');
    expect(stripOuterParens(`(a = ')(')`)).toBe(`a = ')('`);
    expect(stripOuterParens('lower(x)')).toBe('lower(x)');
  });

  it('writes references the way the spec reads them', () => {
    expect(specRef('public', 'profiles')).toBe('profiles');
    expect(specRef('auth', 'users')).toBe('auth.users');
    expect(specRef('My Schema', 'Order Items')).toBe('My Schema.Order Items');
    expect(specRef('public', 't.1')).toBe('"t.1"');
    expect(specRef('s', 'a"b')).toBe('s."a""b"');
    expect(specRefOfKey('public.notifications')).toBe('notifications');
    expect(specRefOfKey('app.t.1')).toBe('app."t.1"');
  });

  it('splits index definitions into key elements with ordering and operator class', () => {
    expect(indexKeyElements('CREATE INDEX i ON public.t USING btree (a DESC NULLS LAST, lower(b) text_pattern_ops) INCLUDE (c) WHERE (a > 0)')).toEqual([
      'a DESC NULLS LAST',
      'lower(b) text_pattern_ops',
    ]);
    expect(indexKeyElements(`CREATE INDEX "x USING y" ON "s"."t (" USING gin ("a, b", ((c || ')')))`)).toEqual(['"a, b"', "((c || ')'))"]);
  });

  it('reads plain key lists and INCLUDE columns, and falls back to the full parse for quotes and parentheses', () => {
    expect(indexColumns('CREATE INDEX i ON public.t USING btree (user_id, created_at DESC) INCLUDE (a, b)')).toEqual({
      keys: ['user_id', 'created_at DESC'],
      include: ['a', 'b'],
    });
    expect(indexColumns('CREATE UNIQUE INDEX i ON ONLY public.t USING btree (a)')).toEqual({ keys: ['a'], include: [] });
    expect(indexColumns('CREATE INDEX i ON public.t USING btree ("a)b", c) INCLUDE ("d,e")')).toEqual({ keys: ['"a)b"', 'c'], include: ['"d,e"'] });
    expect(indexColumns('CREATE INDEX i ON public.t USING btree (a COLLATE "C", lower(b))')).toEqual({ keys: ['a COLLATE "C"', 'lower(b)'], include: [] });
    expect(indexColumns(`CREATE INDEX i ON public.t USING btree ((a || ','))`)).toEqual({ keys: ["(a || ',')"], include: [] });
    expect(indexColumns('CREATE INDEX i ON public.t')).toBeUndefined();
  });
});
