/**
 * A foreign key and a check whose VALIDATE fails on existing rows at apply: the NOT VALID constraints
 * stay behind. With the failed pair moved away, `plan` must not say "No changes" nor `check` "in
 * sync": the catalog sees convalidated, so the planner plans the validation again, and once the rows
 * are fixed it applies and the constraints are valid (judged by pg_constraint).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { project, type Project } from '../helpers/project.js';

let p: Project;

const spec = (check: boolean, fk: boolean): string => `tables:
  accounts:
    columns:
      id: { type: bigint, primary_key: true }
    rls: true
    grants: { service_role: [all] }
    policies:
      accounts_service: { for: all, to: service_role, using: "true" }
  events:
    columns:
      id: { type: bigint, primary_key: true, identity: always }
      account_id: { type: bigint, not_null: true${fk ? ', references: { table: accounts, on_delete: cascade }' : ''} }
      amount: { type: int, not_null: true }
${check ? '    checks:\n      events_amount_positive: amount > 0\n' : ''}    rls: true
    grants: { service_role: [all] }
    policies:
      events_service: { for: all, to: service_role, using: "true" }
`;

const validation = async (): Promise<string[]> =>
  (
    await p.target.db.query<{ c: string }>(
      `SELECT conname || ' ' || convalidated AS c FROM pg_constraint WHERE conrelid = 'public.events'::regclass AND contype IN ('f', 'c') ORDER BY conname`,
    )
  ).map((r) => r.c);

beforeAll(async () => {
  p = await project('validate');
  p.spec({ 'app.yaml': spec(false, false) });
  expect((await p.cli(['plan', '--name', 'events'])).code).toBe(0);
  expect((await p.cli(['apply'])).code).toBe(0);
  await p.target.db.exec(`INSERT INTO public.accounts SELECT g FROM generate_series(1, 3000) g;
    INSERT INTO public.events (account_id, amount) SELECT 1 + g % 3000, 1 + g % 50 FROM generate_series(1, 3000) g;
    INSERT INTO public.events (account_id, amount) VALUES (999999, 5), (7, 0);`);
});

afterAll(async () => p?.close());

/** Plans (without the sampled rows, so the bad ones are first met at apply) and applies: the VALIDATE fails. */
async function failAtValidate(name: string): Promise<void> {
  const plan = await p.cli(['plan', '--name', name, '--sample-rows', '0']);
  expect(plan.code, plan.stderr).toBe(0);
  const apply = await p.cli(['apply']);
  expect(apply.code).toBe(1);
  expect(apply.stderr).toMatch(/VALIDATE CONSTRAINT/);
  // The failed pair is moved away, as a team does before planning again.
  for (const f of p.migrations().filter((m) => m.startsWith('002_') || m === 'rollback_002.sql')) rmSync(join(p.dir, 'generated-migrations', f));
}

/** `check` reports the NOT VALID constraint and `plan` validates it again. */
async function expectValidationPlanned(constraint: string): Promise<void> {
  const check = await p.cli(['check']);
  expect(check.code, check.stdout + check.stderr).toBe(1);
  expect(check.stdout + check.stderr).toContain(`validate`);
  expect(check.stdout + check.stderr).toContain(constraint);
  // The plan sees the VALIDATE it needs, and that the rows still there would fail it: refused at the
  // YAML line (checked on the whole live table, not only on sampled rows), nothing written.
  const dry = await p.cli(['plan', '--dry-run', '--sample-rows', '0']);
  expect(dry.code, dry.stdout + dry.stderr).toBe(2);
  expect(dry.stderr).toMatch(new RegExp(`app\\.yaml:\\d+:\\d+ error [a-z-]+: public\\.events holds rows that break [a-z ]+ ${constraint}, left NOT VALID, so its VALIDATE would fail at apply`));
}

describe('a VALIDATE that failed at apply', () => {
  it('a check left NOT VALID is validated again by the next plan', async () => {
    p.spec({ 'app.yaml': spec(true, false) });
    await failAtValidate('positive amounts');
    expect(await validation()).toEqual(['events_amount_positive false']);
    await expectValidationPlanned('events_amount_positive');
  });

  it('a foreign key left NOT VALID is validated again by the next plan', async () => {
    await p.target.db.exec(`DELETE FROM public.events WHERE amount <= 0`);
    p.spec({ 'app.yaml': spec(true, true) });
    await failAtValidate('event accounts');
    expect((await validation())[0]).toBe('events_account_id_fkey false');
    await expectValidationPlanned('events_account_id_fkey');
  });

  it('applies once the rows are fixed: the constraints are valid and everything is in sync', async () => {
    await p.target.db.exec(`DELETE FROM public.events WHERE account_id = 999999`);
    const plan = await p.cli(['plan', '--name', 'validate events']);
    expect(plan.code, plan.stderr).toBe(0);
    const lint = await p.cli(['lint', 'generated-migrations']);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
    const apply = await p.cli(['apply']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(await validation()).toEqual(['events_account_id_fkey true', 'events_amount_positive true']);
    expect((await p.cli(['plan'])).stdout).toContain('No changes');
    expect((await p.cli(['check'])).code).toBe(0);
  });
});
