-- source: drizzle-team/drizzle-orm drizzle-kit/tests/postgres/pg-sequences.test.ts (alter sequence, sequence in custom schema)
-- kind: sequences
-- @before
CREATE SCHEMA counters;
CREATE SEQUENCE counters.page_views INCREMENT BY 1 START WITH 1;
CREATE SEQUENCE public.to_drop_seq;
-- @after
CREATE SCHEMA counters;
CREATE SEQUENCE counters.page_views AS integer INCREMENT BY 2 MINVALUE 1 MAXVALUE 1000000 START WITH 1 CACHE 50;
CREATE SEQUENCE counters.downloads START WITH 100;
