/** The pure core of `schema generate`: names, type mapping and the rendered text, from a Spec alone. */
import { describe, expect, it } from 'vitest';
import { appModel, className, renderSqlalchemy, renderTypescript, singular } from '../../src/generate/index.js';
import { parsePgType } from '../../src/generate/pg-types.js';
import type { Spec } from '../../src/spec/types.js';

const lookup = { enums: new Map([['public.mood', ['ok', 'meh']]]), domains: new Map([['public.email', 'varchar(320)']]) };

describe('names', () => {
  it('are singular PascalCase classes', () => {
    expect(
      ['partner_connections', 'profiles', 'categories', 'addresses', 'boxes', 'status', 'news', 'data', 'sessions', 'user_settings', 'Team Members'].map(className),
    ).toEqual(['PartnerConnection', 'Profile', 'Category', 'Address', 'Box', 'Status', 'News', 'Data', 'Session', 'UserSetting', 'TeamMember']);
    expect(singular('notifications')).toBe('notification');
  });
});

describe('types as the spec writes them', () => {
  it('resolve aliases, modifiers, arrays, enums and domains', () => {
    const kinds = ['timestamp(3) with time zone', 'character varying(40)', 'int4', 'bigserial', 'numeric(10,2)', 'text[][]', 'mood', 'email', 'mood[]', 'point']
      .map((t) => parsePgType(t, lookup))
      .map((t) => `${t.kind}${t.args.length ? `(${t.args.join(',')})` : ''}${'[]'.repeat(t.dims)}`);
    expect(kinds).toEqual(['timestamptz(3)', 'varchar(40)', 'integer', 'bigint', 'numeric(10,2)', 'text[][]', 'enum', 'varchar(320)', 'enum[]', 'other']);
  });
});

const spec: Spec = {
  enums: { mood: ['ok', 'meh'] },
  tables: {
    notes: {
      comment: 'Notes """ with quotes',
      columns: {
        id: { type: 'uuid', primary_key: true, default: 'gen_random_uuid()' },
        body: { type: 'text', not_null: true },
        mood: { type: 'mood', not_null: true, default: 'ok' },
        tags: { type: 'jsonb', not_null: true, default: [] },
        extra: { type: 'jsonb' },
        at: { type: 'timestamptz', not_null: true, default: "'2020-01-01 10:00:00+00'" },
        n: { type: 'integer', identity: 'always' },
      },
    },
  },
};

describe('rendered files', () => {
  it('are deterministic and list the package files', () => {
    const files = renderSqlalchemy(appModel(spec));
    expect([...files.keys()]).toEqual(['__init__.py', 'base.py', 'enums.py', 'models.py', 'shapes.py']);
    expect(renderSqlalchemy(appModel(spec))).toEqual(files);
  });

  it('map JSONB by default to MutableList/MutableDict, or plain JSONB when unknown; escape colons of server defaults', () => {
    const models = renderSqlalchemy(appModel(spec)).get('models.py')!;
    expect(models).toContain('tags: Mapped[List[Any]] = Column(\n        MutableList.as_mutable(JSONB()),');
    expect(models).toContain('extra: Mapped[Optional[Any]] = Column(JSONB())');
    expect(models).toContain(String.raw`server_default=text("'2020-01-01 10\\:00\\:00+00'"),`);
    expect(models).toContain('"""Notes \\"\\"\\" with quotes"""');
    expect(models).toContain('n: Mapped[int] = Column(Integer(), Identity(always=True), nullable=False)');
  });

  it('type Insert with optional defaults and never for identity ALWAYS', () => {
    const ts = renderTypescript(appModel(spec));
    expect(ts).toContain('        Insert: {\n          id?: string\n          body: string\n          mood?: Database["public"]["Enums"]["mood"]\n          tags?: Json\n          extra?: Json | null\n          at?: string\n          n?: never\n        }');
    expect(ts).toContain('      mood: "ok" | "meh"');
  });
});
