/**
 * Table renames judged by catalogs (harness.ts): the key, indexes and sequences are renamed with the
 * table, inbound FKs follow it, and an FK that changes besides the rename is restored by the rollback
 * on the table as it is named before the rename back (the FK follows that rename too).
 */
import { describe, expect, it } from 'vitest';
import { roundTrip } from './harness.js';

const tables = (team: string, onDelete: string): string => `
  CREATE TABLE public.${team} (id bigserial PRIMARY KEY, name text NOT NULL CONSTRAINT ${team}_name_key UNIQUE);
  CREATE INDEX ${team}_lower_name_idx ON public.${team} (lower(name));
  CREATE TABLE public.members (id int PRIMARY KEY, team_id bigint NOT NULL CONSTRAINT members_team_id_fkey REFERENCES public.${team} (id) ON DELETE ${onDelete});`;

const DATA = `INSERT INTO public.teams (name) SELECT 't' || g FROM generate_series(1, 2000) g;
  INSERT INTO public.members SELECT g, g FROM generate_series(1, 2000) g;`;

describe('table renames', () => {
  it('renames the key, the index and the serial sequence with the table; the inbound FK is untouched', async () => {
    const r = await roundTrip(tables('teams', 'CASCADE'), tables('squads', 'CASCADE'), {
      inputs: { tableRenames: { 'public.squads': 'public.teams' } },
      data: DATA,
    });
    expect((r.plan.changes as { kind: string }[]).map((c) => c.kind)).toEqual(['RenameTable']);
    expect(r.forwardSql).toContain('RENAME CONSTRAINT squads_name_key'.replace('squads', 'teams'));
    expect(r.forwardSql).toContain('ALTER INDEX public.teams_lower_name_idx RENAME TO squads_lower_name_idx');
    expect(r.forwardSql).toContain('ALTER SEQUENCE public.teams_id_seq RENAME TO squads_id_seq');
    expect(r.forwardSql).not.toMatch(/DROP CONSTRAINT|ADD CONSTRAINT|SET DEFAULT/);
  });

  it('an inbound FK that changes too is restored by the rollback under the name the table has then', async () => {
    const r = await roundTrip(tables('teams', 'CASCADE'), tables('squads', 'RESTRICT'), {
      inputs: { tableRenames: { 'public.squads': 'public.teams' } },
      data: DATA,
    });
    const back = r.rollbackSql.indexOf('RENAME TO teams');
    const fk = r.rollbackSql.indexOf('REFERENCES public.squads(id) ON DELETE CASCADE NOT VALID');
    expect(r.rollbackSql).not.toContain('REFERENCES public.teams(');
    expect(fk).toBeGreaterThan(0);
    expect(back).toBeGreaterThan(fk);
  });
});
