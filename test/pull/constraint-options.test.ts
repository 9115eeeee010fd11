/** `pull` writes the constraint options and object settings the spec expresses, and `toCatalog` reads them back. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCorpus } from '../catalog/helpers.js';
import { pullDatabase, pullSpec } from '../../src/pull/index.js';
import { exclusionParts } from '../../src/pull/exclusion.js';
import { toCatalog } from '../../src/spec/index.js';
import { freshDatabase } from '../helpers/db.js';
import { corpusSql } from '../catalog/helpers.js';

async function pulledExtras() {
  const t = await freshDatabase('pullopt');
  try {
    await loadCorpus(t.db, 'every-kind.sql');
    await t.db.exec(corpusSql('spec-extras.sql'));
    const result = await pullDatabase(t.db);
    return { ...result, files: pullSpec(result.catalog, { schemas: result.schemas }) };
  } finally {
    await t.drop();
  }
}

describe('pull: constraint options and object settings', () => {
  it('writes exclusions, NO INHERIT, MATCH FULL, deferrable keys, comments, disabled triggers, settings, view options, matview indexes, domain collation', async () => {
    const { files, catalog } = await pulledExtras();
    const bookings = parse(files.get('tables/public.bookings.yaml')!).tables.bookings;
    expect(bookings.exclusions).toEqual({
      bookings_no_overlap: { elements: [['during', '&&']], comment: 'One booking at a time' },
      bookings_span_no_overlap: { elements: [['(int4range(lo, hi))', '&&']], include: ['Seat No'], where: 'NOT cancelled', deferrable: 'initially deferred' },
    });
    expect(bookings.checks).toEqual({ bookings_id_positive: { check: 'id > 0', comment: 'Positive ids' }, bookings_lo_hi: { check: 'lo <= hi', no_inherit: true } });
    expect(bookings.foreign_keys.bookings_invoice_fkey).toEqual({
      columns: ['invoice_id'],
      references: { table: 'invoices' },
      on_delete: 'cascade',
      match: 'full',
      comment: 'Billed on',
    });
    const seats = parse(files.get('tables/public.seats.yaml')!).tables.seats;
    expect(seats.primary_key).toEqual({ columns: ['id'], deferrable: 'initially deferred', comment: 'Seat id' });
    expect(seats.unique).toEqual({
      seats_place_key: { columns: ['row_no', 'seat_no'], deferrable: true, comment: 'One seat per place' },
      seats_row_key: { columns: ['row_no', 'id'], deferrable: 'initially deferred' },
    });
    const tickets = parse(files.get('tables/public.tickets.yaml')!).tables.tickets;
    expect(tickets.primary_key).toEqual({ columns: ['id'], deferrable: true });
    expect(tickets.unique).toEqual({ tickets_code_key: { columns: ['code'], deferrable: true } });
    expect(tickets.triggers.tickets_stamp).toEqual({ before: 'insert', enabled: false, function: 'tickets_stamp' });
    const functions = parse(files.get('functions.yaml')!).functions;
    expect(functions.slow_report.set).toEqual({ statement_timeout: '5s', work_mem: '64MB', search_path: 'public, pg_temp', 'app.tenant': "a b'c" });
    expect(functions.slow_report.search_path).toBeUndefined();
    const views = parse(files.get('views.yaml')!).views;
    expect(views.open_bookings).toMatchObject({ security_barrier: true, check_option: 'cascaded' });
    expect(views.safe_accounts).toMatchObject({ security_barrier: true });
    expect(views.local_tickets).toMatchObject({ security_invoker: true, check_option: 'local' });
    expect(views['app.event_counts'].indexes).toEqual([{ columns: ['status'], unique: true }]);
    expect(parse(files.get('domains.yaml')!).domains.code_text).toMatchObject({ type: 'text', collation: 'pg_catalog."C"' });

    // Read back, constraint definitions are the text PostgreSQL prints.
    const spec = Object.assign({}, ...[...files.values()].map((text) => parse(text) as object));
    for (const key of Object.keys(spec)) spec[key] = Object.assign({}, ...[...files.values()].map((text) => (parse(text) as Record<string, object>)[key] ?? {}));
    const { catalog: draft } = toCatalog(spec, { preset: 'supabase' });
    for (const table of ['public.bookings', 'public.seats', 'public.tickets']) {
      const live = catalog.tables[table]!.constraints;
      const desired = draft.tables[table]!.constraints;
      for (const name of Object.keys(live)) {
        if (live[name]!.kind === 'check') continue; // checks are double-parenthesized until the shadow normalizes them
        expect(desired[name]?.definition, `${table} ${name}`).toBe(live[name]!.definition);
        expect(desired[name]?.comment, `${table} ${name}`).toBe(live[name]!.comment);
      }
    }
    expect(draft.tables['public.bookings']!.constraints['bookings_lo_hi']!.definition).toMatch(/ NO INHERIT$/);
    expect(draft.tables['public.tickets']!.triggers['tickets_stamp']!.enabled).toBe(false);
    expect(draft.views['public.open_bookings']!.options).toEqual(catalog.views['public.open_bookings']!.options);
    expect(draft.functions['public.slow_report()']!.config).toEqual(catalog.functions['public.slow_report()']!.config);
    expect(Object.keys(draft.views['app.event_counts']!.indexes)).toEqual(['event_counts_status_idx']);
    expect(draft.domains['public.code_text']!.collation).toBe('pg_catalog."C"');
  });

  it('splits exclusion definitions at top-level commas and WITH only', () => {
    expect(exclusionParts('EXCLUDE USING gist ("a, WITH b" WITH =, (f(x, y)) WITH &&) INCLUDE (c, "d e") WHERE ((x > 1)) DEFERRABLE')).toEqual({
      using: 'gist',
      elements: [['"a, WITH b"', '='], ['(f(x, y))', '&&']],
      include: ['c', '"d e"'],
      where: '(x > 1)',
    });
    expect(exclusionParts('CHECK (x > 0)')).toBeUndefined();
  });
});
