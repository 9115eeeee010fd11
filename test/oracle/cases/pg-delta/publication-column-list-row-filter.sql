-- source: supabase/pg-delta tests/integration/mixed-objects.test.ts (publication for table with columns and WHERE)
-- kind: publications
-- @before
CREATE TABLE public.messages (
  id bigint PRIMARY KEY,
  room_id bigint NOT NULL,
  sender text NOT NULL,
  body text NOT NULL,
  is_private boolean NOT NULL DEFAULT false
);
CREATE PUBLICATION realtime_messages FOR TABLE public.messages;
-- @after
CREATE TABLE public.messages (
  id bigint PRIMARY KEY,
  room_id bigint NOT NULL,
  sender text NOT NULL,
  body text NOT NULL,
  is_private boolean NOT NULL DEFAULT false
);
CREATE PUBLICATION realtime_messages
  FOR TABLE public.messages (id, room_id, sender, body) WHERE (NOT is_private)
  WITH (publish = 'insert');
