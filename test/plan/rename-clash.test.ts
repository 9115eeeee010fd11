/**
 * A declared rename onto the name of a live object that the plan drops first, with further changes on
 * the renamed object: forward, a second forward, and the rollback (which renames back before it
 * re-creates the dropped object) are each judged by catalogs (harness.ts).
 */
import { describe, it } from 'vitest';
import { roundTrip } from './harness.js';

describe('renames onto a dropped name, with more changes on the renamed object', () => {
  it('a table renamed over a dropped one gains a column and an index', async () => {
    await roundTrip(
      `CREATE TABLE public.drafts (id int PRIMARY KEY, body text); CREATE TABLE public.posts (legacy int PRIMARY KEY);`,
      `CREATE TABLE public.posts (id int PRIMARY KEY, body text, views int DEFAULT 0); CREATE INDEX posts_body ON public.posts (body);`,
      { inputs: { tableRenames: { 'public.posts': 'public.drafts' } } },
    );
  });

  it('a table renamed over a dropped one has a column retyped, made NOT NULL and renamed', async () => {
    await roundTrip(
      `CREATE TABLE public.drafts (id int PRIMARY KEY, body text, score int); CREATE TABLE public.posts (legacy int);`,
      `CREATE TABLE public.posts (id bigint PRIMARY KEY, body text NOT NULL, rating int);`,
      { inputs: { tableRenames: { 'public.posts': 'public.drafts' }, columnRenames: { 'public.posts.rating': 'score' } } },
    );
  });

  it('a column renamed over a dropped one is retyped and given a default and NOT NULL', async () => {
    await roundTrip(
      `CREATE TABLE public.cards (id int PRIMARY KEY, label text, title int);`,
      `CREATE TABLE public.cards (id int PRIMARY KEY, title varchar(40) NOT NULL DEFAULT 'untitled');`,
      { inputs: { columnRenames: { 'public.cards.title': 'label' } } },
    );
  });

  it('a table renamed over a dropped one that a view reads, and referenced by a foreign key', async () => {
    await roundTrip(
      `CREATE TABLE public.drafts (id int PRIMARY KEY); CREATE TABLE public.posts (legacy int);
       CREATE TABLE public.likes (post_id int REFERENCES public.drafts (id));
       CREATE VIEW public.post_ids AS SELECT legacy FROM public.posts;`,
      `CREATE TABLE public.posts (id int PRIMARY KEY, rank int);
       CREATE TABLE public.likes (post_id int REFERENCES public.posts (id));
       CREATE VIEW public.post_ids AS SELECT id FROM public.posts;`,
      { inputs: { tableRenames: { 'public.posts': 'public.drafts' } } },
    );
  });
});
