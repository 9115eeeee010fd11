import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextVersion, parseForwardName, parseHeader, parseRollbackName, renderHeader, slugify } from '../../src/migrations/index.js';

describe('migration file names', () => {
  it('continues after the highest number, legacy files and rollbacks included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-names-'));
    expect(nextVersion(join(dir, 'missing'))).toBe(1);
    expect(nextVersion(dir)).toBe(1);
    for (const file of ['001_init.sql', 'rollback_001.sql', '045_legacy_hand_written.sql', 'rollback_046.sql', 'notes.md']) {
      writeFileSync(join(dir, file), '');
    }
    expect(nextVersion(dir)).toBe(47);
  });

  it('numbers a directory of Supabase CLI timestamps by the UTC time, after the highest one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-names-'));
    writeFileSync(join(dir, '20240101000000_init.sql'), '');
    expect(nextVersion(dir, new Date('2026-12-07T15:04:05.678Z'))).toBe(20261207150405);
    // A clock behind the newest file (or two plans in one second) still gets a later number.
    writeFileSync(join(dir, '20261207150405_x.sql'), '');
    expect(nextVersion(dir, new Date('2026-12-07T15:04:05.900Z'))).toBe(20261207150406);
    expect(nextVersion(dir, new Date('2020-01-01T00:00:00Z'))).toBe(20261207150406);
  });

  it('parses forward and rollback names and nothing else', () => {
    expect(parseForwardName('003_add_notifications.sql')).toEqual({ version: 3, file: '003_add_notifications.sql', name: '003_add_notifications' });
    expect(parseForwardName('rollback_003.sql')).toBeUndefined();
    expect(parseForwardName('add.sql')).toBeUndefined();
    expect(parseRollbackName('rollback_012.sql')).toBe(12);
    expect(parseRollbackName('012_x.sql')).toBeUndefined();
  });

  it('makes safe slugs from any text', () => {
    expect(slugify('+ table public."My Table"; DROP')).toBe('table_public_my_table_drop');
    expect(slugify('Ünïcödé ✓')).toBe('unicode');
    expect(slugify('')).toBe('migration');
    expect(slugify('x'.repeat(100))).toHaveLength(60);
  });
});

describe('migration header', () => {
  it('round-trips every field', () => {
    const header = {
      tool: '0.1.0',
      kind: 'migration' as const,
      name: '002_add_sessions',
      preState: `sha256:${'a'.repeat(64)}`,
      postState: `sha256:${'b'.repeat(64)}`,
      managedSchemas: ['app', 'public'],
      managedRoles: ['anon', 'authenticated'],
      extensions: [],
      hazards: ['access-exclusive-lock'],
    };
    const text = `${renderHeader(header)}\n\nBEGIN;\nCOMMIT;\n`;
    expect(parseHeader(text)).toEqual(header);
  });

  it('finds no header in a hand-written file', () => {
    expect(parseHeader('-- add a column\nALTER TABLE t ADD COLUMN x int;')).toBeUndefined();
  });
});
