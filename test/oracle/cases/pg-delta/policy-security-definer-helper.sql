-- source: supabase/pg-delta tests/integration/table-function-dependency-ordering.test.ts (policy depending on function)
-- kind: functions
-- @before
CREATE TABLE public.teams (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.memberships (
  team_id bigint NOT NULL REFERENCES public.teams (id) ON DELETE CASCADE,
  member text NOT NULL,
  PRIMARY KEY (team_id, member)
);
ALTER TABLE public.teams ENABLE ROW LEVEL SECURITY;
CREATE POLICY teams_visible ON public.teams FOR SELECT TO authenticated USING (true);
-- @after
CREATE TABLE public.teams (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.memberships (
  team_id bigint NOT NULL REFERENCES public.teams (id) ON DELETE CASCADE,
  member text NOT NULL,
  PRIMARY KEY (team_id, member)
);
CREATE FUNCTION public.is_team_member(p_team bigint) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM public.memberships m
      WHERE m.team_id = p_team AND m.member = current_user
    )
  $$;
REVOKE EXECUTE ON FUNCTION public.is_team_member(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.is_team_member(bigint) TO authenticated;
ALTER TABLE public.teams ENABLE ROW LEVEL SECURITY;
CREATE POLICY teams_visible ON public.teams FOR SELECT TO authenticated USING (public.is_team_member(id));
