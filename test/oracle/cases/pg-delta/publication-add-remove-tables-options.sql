-- source: supabase/pg-delta tests/integration/mixed-objects.test.ts (supabase_realtime style publication changes)
-- kind: publications
-- @before
CREATE TABLE public.rooms (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.presence (id bigint PRIMARY KEY, room_id bigint NOT NULL);
CREATE TABLE public.reactions (id bigint PRIMARY KEY, emoji text NOT NULL);
CREATE PUBLICATION app_realtime FOR TABLE public.rooms, public.presence;
-- @after
CREATE TABLE public.rooms (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.presence (id bigint PRIMARY KEY, room_id bigint NOT NULL);
CREATE TABLE public.reactions (id bigint PRIMARY KEY, emoji text NOT NULL);
CREATE PUBLICATION app_realtime FOR TABLE public.rooms, public.reactions
  WITH (publish = 'insert,update', publish_via_partition_root = true);
CREATE PUBLICATION app_deletes FOR TABLE public.presence WITH (publish = 'delete');
