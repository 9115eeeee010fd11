/** Hand-written, idempotent migration pairs used across the runner's tests. */
export const ITEMS = {
  '001_create_items.sql': `-- items and their name index
BEGIN;
CREATE TABLE IF NOT EXISTS items (id bigint PRIMARY KEY, name text NOT NULL);
COMMIT;
CREATE INDEX CONCURRENTLY IF NOT EXISTS items_name_idx ON items (name);
`,
  'rollback_001.sql': `DROP INDEX CONCURRENTLY IF EXISTS items_name_idx;
DROP TABLE IF EXISTS items;
`,
  '002_add_tags.sql': `CREATE TABLE IF NOT EXISTS tags (id bigint PRIMARY KEY, item_id bigint REFERENCES items (id) ON DELETE CASCADE);
ALTER TABLE items ADD COLUMN IF NOT EXISTS note text;
`,
  'rollback_002.sql': `ALTER TABLE items DROP COLUMN IF EXISTS note;
DROP TABLE IF EXISTS tags;
`,
  '003_kinds.sql': `DO $$ BEGIN CREATE TYPE kind AS ENUM ('a'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
ALTER TYPE kind ADD VALUE IF NOT EXISTS 'b';
CREATE INDEX CONCURRENTLY IF NOT EXISTS tags_item_idx ON tags (item_id);
`,
  'rollback_003.sql': `DROP INDEX CONCURRENTLY IF EXISTS tags_item_idx;
DROP TYPE IF EXISTS kind;
`,
} as const;
