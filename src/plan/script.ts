/**
 * renderScript: the body of a migration file. Runs of transactional steps become transactions
 * (`BEGIN; SET LOCAL lock_timeout ...; SET LOCAL statement_timeout ...; ...; COMMIT;`) of at most
 * MAX_STEPS_PER_TRANSACTION steps, so a big plan never exhausts the lock table; isolated steps get a
 * transaction of their own; non-transactional steps run alone, outside any transaction.
 */
import { quoteLiteral } from '../catalog/names.js';
import type { PlanOptions, Step } from './types.js';

export const MAX_STEPS_PER_TRANSACTION = 200;

function comment(step: Step): string {
  const hazards = step.hazards.length > 0 ? ` [${step.hazards.join(', ')}]` : '';
  const waivers = Object.entries(step.waivers ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([rule, reason]) => `\n-- schema:waive ${rule} ${reason.replace(/\s+/g, ' ').trim()}`);
  return `-- ${step.description.replace(/[\r\n]+/g, ' ')}${hazards}${waivers.join('')}`;
}

const statement = (step: Step): string => `${comment(step)}\n${step.sql};`;

export function renderScript(steps: readonly Step[], options: PlanOptions): string {
  const blocks: string[] = [];
  let current: Step[] = [];
  const header = `BEGIN;\nSET LOCAL lock_timeout = ${quoteLiteral(options.lockTimeout)};\nSET LOCAL statement_timeout = ${quoteLiteral(options.statementTimeout)};`;
  const flush = (): void => {
    if (current.length === 0) return;
    blocks.push(`${header}\n\n${current.map(statement).join('\n\n')}\n\nCOMMIT;`);
    current = [];
  };
  for (const step of steps) {
    if (!step.transactional) {
      flush();
      blocks.push(statement(step));
    } else if (step.isolated) {
      flush();
      current.push(step);
      flush();
    } else {
      current.push(step);
      if (current.length >= MAX_STEPS_PER_TRANSACTION) flush();
    }
  }
  flush();
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}
