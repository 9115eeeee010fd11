-- source: supabase/pg-delta tests/integration/mixed-objects.test.ts (publication FOR TABLES IN SCHEMA)
-- kind: publications
-- @before
CREATE SCHEMA events;
CREATE TABLE events.clicks (id bigint PRIMARY KEY, url text NOT NULL);
CREATE TABLE events.views (id bigint PRIMARY KEY, path text NOT NULL);
CREATE PUBLICATION analytics FOR TABLE events.clicks;
-- @after
CREATE SCHEMA events;
CREATE TABLE events.clicks (id bigint PRIMARY KEY, url text NOT NULL);
CREATE TABLE events.views (id bigint PRIMARY KEY, path text NOT NULL);
CREATE PUBLICATION analytics FOR TABLES IN SCHEMA events;
