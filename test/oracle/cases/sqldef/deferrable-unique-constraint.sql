-- source: sqldef/sqldef cmd/psqldef/tests_constraints.yml (deferrable unique / FK constraints)
-- kind: constraints
-- @before
CREATE TABLE public.playlists (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.playlist_tracks (
  playlist_id integer NOT NULL REFERENCES public.playlists (id),
  position integer NOT NULL,
  track text NOT NULL,
  CONSTRAINT playlist_tracks_position_key UNIQUE (playlist_id, position)
);
-- @after
CREATE TABLE public.playlists (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.playlist_tracks (
  playlist_id integer NOT NULL,
  position integer NOT NULL,
  track text NOT NULL,
  CONSTRAINT playlist_tracks_position_key UNIQUE (playlist_id, position) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT playlist_tracks_playlist_id_fkey FOREIGN KEY (playlist_id) REFERENCES public.playlists (id)
    ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE
);
-- @seed
INSERT INTO public.playlists (id, name) VALUES (1, 'focus');
INSERT INTO public.playlist_tracks (playlist_id, position, track) VALUES (1, 1, 'intro'), (1, 2, 'outro');
