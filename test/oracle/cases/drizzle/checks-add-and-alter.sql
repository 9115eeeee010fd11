-- source: drizzle-team/drizzle-orm drizzle-kit/tests/postgres/pg-checks.test.ts (add check, alter check, drop check)
-- kind: constraints
-- @before
CREATE TABLE public.accounts (
  id integer PRIMARY KEY,
  age integer,
  balance numeric NOT NULL DEFAULT 0,
  CONSTRAINT accounts_age_check CHECK (age > 0),
  CONSTRAINT accounts_old_rule CHECK (balance > -1000)
);
-- @after
CREATE TABLE public.accounts (
  id integer PRIMARY KEY,
  age integer,
  balance numeric NOT NULL DEFAULT 0,
  CONSTRAINT accounts_age_check CHECK (age >= 18),
  CONSTRAINT accounts_balance_check CHECK (balance >= 0)
);
-- @seed
INSERT INTO public.accounts (id, age, balance) VALUES (1, 30, 10), (2, NULL, 0);
