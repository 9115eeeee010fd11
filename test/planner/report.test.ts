import { describe, expect, it } from 'vitest';
import { emptyCatalog } from '../../src/catalog/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { renderMarkdown, renderText, type PlanReport } from '../../src/planner/report.js';
import { securityChanges } from '../../src/planner/security-summary.js';
import { loadSpec, toCatalog } from '../../src/spec/index.js';
import { mdCode } from '../../src/util/display.js';
import { specDir } from '../spec/helpers.js';

const PLAN_OPTIONS = { lockTimeout: '5s', statementTimeout: '5min', targetVersion: 14 } as const;

async function reportFor(yaml: string): Promise<PlanReport> {
  const { spec } = await loadSpec(specDir({ 'x.yaml': yaml }));
  const { catalog, inputs } = toCatalog(spec, { preset: 'supabase' });
  const plan = buildPlan(emptyCatalog(), catalog, inputs, PLAN_OPTIONS);
  return {
    status: 'dry-run',
    name: '001_x',
    changes: plan.forward.filter((s) => !s.description.startsWith('?')).map((s) => ({ description: s.description, hazards: s.hazards })),
    hazards: plan.hazards,
    findings: [],
    security: securityChanges(emptyCatalog(), catalog, ['authenticated']),
    verified: false,
    timings: {},
  };
}

const WEIRD = `tables:
  "odd\\nname|x\`y":
    columns:
      id: { type: uuid, primary_key: true, default: gen_random_uuid() }
    rls: true
    grants: { authenticated: [select] }
    policies:
      "pol\\r\\nicy": { for: select, to: [authenticated], using: "true" }
`;

describe('plan summaries show every name on one line, escaped', () => {
  it('text: one line per change and per security line, control characters as escapes', async () => {
    const report = await reportFor(WEIRD);
    const text = renderText(report, false);
    const changes = text.split('\n').filter((line) => /^ {2}[+~-] /.test(line) && line !== '  + schema public');
    expect(changes).toEqual([
      '  + table public.odd\\nname|x`y',
      '  + primary key odd\\nname|x`y_pkey on public.odd\\nname|x`y',
      '  ~ table public.odd\\nname|x`y enable RLS',
      '  + policy pol\\r\\nicy on public.odd\\nname|x`y',
      '  + grant select on public.odd\\nname|x`y to authenticated',
    ]);
    expect(text).toContain('  public.odd\\nname|x`y: policy pol\\r\\nicy added (select to authenticated)');
    expect(text).not.toMatch(/odd\n|pol\r/);
  });

  it('markdown: table cells keep their columns and code spans hold backticks', async () => {
    const md = renderMarkdown(await reportFor(WEIRD));
    const rows = md.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| table') && !line.startsWith('| ---'));
    expect(rows).toHaveLength(3);
    // Two cells each: the unescaped pipes are exactly the three separators.
    for (const row of rows) expect(row.replaceAll('\\|', '').split('|')).toHaveLength(4);
    expect(rows[0]).toBe('| ``public.odd\\nname\\|x`y`` | RLS turned on |');
    expect(rows[2]).toBe('| ``public.odd\\nname\\|x`y`` | policy `pol\\r\\nicy` added (select to authenticated) |');
  });

  it('code spans: fenced longer than any backtick run inside, padded when the text starts or ends with one', () => {
    expect(mdCode('plain')).toBe('`plain`');
    expect(mdCode('a``b')).toBe('```a``b```');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdCode('a\tb\u0007')).toBe('`a\\tb\\x07`');
  });
});
