import { describe, expect, it } from 'vitest';
import { deriveName } from '../../src/planner/run-plan.js';
import type { Plan, Step } from '../../src/plan/index.js';

const step = (description: string, object: string): Step => ({ sql: 'SELECT 1', transactional: true, description, object, hazards: [] });
const plan = (steps: Step[]): Plan => ({ changes: steps, forward: steps, rollback: [], hazards: [] });

describe('migration names derived from the plan', () => {
  it('names the tables a plan creates', () => {
    const p = plan([
      step('+ enum public.kind', 'public.kind'),
      step('+ table public.notifications', 'public.notifications'),
      step('+ table public.profiles', 'public.profiles'),
      step('+ policy p on public.profiles', 'public.profiles.p'),
    ]);
    expect(deriveName(p)).toBe('create_notifications_profiles');
  });

  it('counts the created tables it does not show', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    expect(deriveName(plan(names.map((n) => step(`+ table public.${n}`, `public.${n}`))))).toBe('create_a_b_c_and_2_more');
  });

  it('names the table an alteration touches', () => {
    const p = plan([step('+ column public.notifications.archived_at', 'public.notifications.archived_at')]);
    expect(deriveName(p)).toBe('add_notifications_archived_at');
  });

  it('names the tables when several objects change', () => {
    const p = plan([
      step('~ column public.a.x type', 'public.a.x'),
      step('- index public.b_i', 'public.b_i'),
      step('+ policy p on public.c', 'public.c.p'),
    ]);
    expect(deriveName(p)).toBe('alter_a_b_i_and_1_more');
  });

  it('names an index by the table it is on', () => {
    const p = plan([
      step('+ column public.notifications.priority', 'public.notifications.priority'),
      step('+ index public.notifications_kind_idx on public.notifications (concurrently)', 'public.notifications_kind_idx'),
    ]);
    expect(deriveName(p)).toBe('add_notifications');
  });
});
