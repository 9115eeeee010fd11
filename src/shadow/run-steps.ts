/**
 * Runs planned steps on a shadow database, in chunks of transactional steps (one transaction each,
 * small enough for the lock table) and non-transactional steps alone. A failure names the step.
 */
import type { Db } from '../db/index.js';
import { serverErrorFields, type ServerErrorFields } from '../db/index.js';

export interface RunnableStep {
  readonly sql: string;
  readonly transactional: boolean;
  readonly description: string;
  /** Catalog key of the object the step creates or changes. */
  readonly object: string;
}

export class StepFailedError extends Error {
  readonly step: RunnableStep;
  readonly server: ServerErrorFields | undefined;
  constructor(step: RunnableStep, cause: unknown) {
    const server = serverErrorFields(cause);
    super(`${step.description}: ${server?.message ?? (cause as Error).message}`);
    this.name = 'StepFailedError';
    this.step = step;
    this.server = server;
  }
}

const CHUNK = 100;

export async function runSteps(db: Db, steps: readonly RunnableStep[]): Promise<void> {
  let chunk: RunnableStep[] = [];
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const current = chunk;
    chunk = [];
    try {
      await db.transaction((tx) => tx.exec(current.map((s) => s.sql).join(';\n')));
    } catch {
      // Find the failing step: replay one by one, each in its own transaction, in order.
      for (const step of current) {
        try {
          await db.transaction((tx) => tx.exec(step.sql));
        } catch (error) {
          throw new StepFailedError(step, error);
        }
      }
      throw new StepFailedError(current[current.length - 1]!, new Error('the chunk failed but no single step did'));
    }
  };
  for (const step of steps) {
    if (step.transactional) {
      chunk.push(step);
      if (chunk.length >= CHUNK) await flush();
    } else {
      await flush();
      try {
        await db.exec(step.sql);
      } catch (error) {
        throw new StepFailedError(step, error);
      }
    }
  }
  await flush();
}
