/**
 * Shapes met in other tools' migration suites, each a round trip on real PostgreSQL judged by catalogs
 * (harness.ts): forward reaches the desired catalog, runs a second time without error or change, and
 * the rollback restores the live catalog.
 */
import { describe, it } from 'vitest';
import { roundTrip } from './harness.js';

describe('shapes from other migration suites', () => {
  it('a standalone unique index becomes the index of a primary key of the same name', async () => {
    await roundTrip(
      `CREATE TABLE public.orders (order_no int NOT NULL);
       CREATE UNIQUE INDEX orders_order_no ON public.orders (order_no);`,
      `CREATE TABLE public.orders (order_no int NOT NULL);
       CREATE UNIQUE INDEX orders_order_no ON public.orders (order_no);
       ALTER TABLE public.orders ADD CONSTRAINT orders_order_no PRIMARY KEY USING INDEX orders_order_no;`,
    );
  });

  it('a standalone unique index becomes the index of a unique constraint of the same name', async () => {
    await roundTrip(
      `CREATE TABLE public.badges (code text);
       CREATE UNIQUE INDEX badges_code ON public.badges (code);`,
      `CREATE TABLE public.badges (code text);
       ALTER TABLE public.badges ADD CONSTRAINT badges_code UNIQUE (code);`,
    );
  });
});
