/** Pull writes `owner:` where an object is not the connecting role's, and the comments beside the objects. */
import { beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/index.js';
import { pullDatabase, pullSpec } from '../../src/pull/index.js';
import { adminUrl, freshDatabase } from '../helpers/db.js';
import { loadSpec } from '../../src/spec/index.js';
import { inputError, specDir } from '../spec/helpers.js';

const ROLE = 'schema_test_pull_owner';

beforeAll(async () => {
  const admin = connect(adminUrl());
  try {
    await admin.exec(`DO $$ BEGIN CREATE ROLE ${ROLE} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  } finally {
    await admin.close();
  }
});

describe('pull: owners and comments', () => {
  it('writes owner only where it is not the connecting role, and index, identity sequence and view column comments', async () => {
    const t = await freshDatabase('pull');
    try {
      await t.db.exec(`
        CREATE TYPE public.kind AS ENUM ('a', 'b');
        ALTER TYPE public.kind OWNER TO ${ROLE};
        CREATE TABLE public.owned (id serial PRIMARY KEY);
        ALTER TABLE public.owned OWNER TO ${ROLE};
        CREATE TABLE public.mine (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n int);
        COMMENT ON INDEX public.mine_pkey IS 'pk index';
        COMMENT ON SEQUENCE public.mine_id_seq IS 'ids';
        CREATE VIEW public.v AS SELECT id, n AS total FROM public.mine;
        ALTER VIEW public.v OWNER TO ${ROLE};
        COMMENT ON COLUMN public.v.total IS 'the total';`);
      const result = await pullDatabase(t.db);
      const files = pullSpec(result.catalog, { schemas: result.schemas });
      const text = [...files.values()].join('\n');
      expect(files.get('tables/public.owned.yaml')).toContain(`owner: ${ROLE}`);
      expect(files.get('tables/public.mine.yaml')).not.toContain('owner:');
      expect(files.get('tables/public.mine.yaml')).toContain('index_comment: pk index');
      expect(files.get('tables/public.mine.yaml')).toContain('sequence_comment: ids');
      expect(text).toContain(`owner: ${ROLE}`);
      expect(files.get('views.yaml')).toContain('total: the total');
      // The serial's sequence follows its table's owner: none of its own.
      expect(files.get('sequences.yaml') ?? '').not.toContain('owner:');
    } finally {
      await t.drop();
    }
  });

  it('refuses an owner that is not a role name, at its line', async () => {
    const dir = specDir({ 'x.yaml': 'tables:\n  t:\n    owner: 5\n    columns:\n      id: { type: uuid, primary_key: true }\n' });
    const error = await inputError(() => loadSpec(dir));
    expect(error.findings).toContainEqual(expect.objectContaining({ line: 3, severity: 'error' }));
  });
});
