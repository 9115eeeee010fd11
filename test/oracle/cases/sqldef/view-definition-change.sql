-- source: sqldef/sqldef cmd/psqldef/tests_views.yml (CREATE OR REPLACE VIEW / dependent views)
-- kind: views
-- @before
CREATE TABLE public.employees (
  id integer PRIMARY KEY,
  name text NOT NULL,
  dept text NOT NULL,
  salary numeric NOT NULL,
  active boolean NOT NULL DEFAULT true
);
CREATE VIEW public.active_employees AS
  SELECT id, name, dept FROM public.employees WHERE active;
CREATE VIEW public.dept_headcount AS
  SELECT dept, count(*) AS headcount FROM public.active_employees GROUP BY dept;
-- @after
CREATE TABLE public.employees (
  id integer PRIMARY KEY,
  name text NOT NULL,
  dept text NOT NULL,
  salary numeric NOT NULL,
  active boolean NOT NULL DEFAULT true
);
CREATE VIEW public.active_employees WITH (security_barrier = true) AS
  SELECT id, name, dept, salary FROM public.employees WHERE active;
CREATE VIEW public.dept_headcount AS
  SELECT dept, count(*) AS headcount, avg(salary) AS avg_salary FROM public.active_employees GROUP BY dept;
GRANT SELECT ON public.dept_headcount TO app_reader;
