/** `schema check --data`: rows of each shaped JSONB column that do not match their shape, per table. */
import { connect } from '../../db/index.js';
import { scanShapes } from '../../jsonb/scan.js';
import type { Spec } from '../../spec/types.js';
import type { CommandContext } from '../context.js';

export async function checkData(ctx: CommandContext, spec: Spec, url: string, statementTimeout: string): Promise<{ lines: string[]; failing: boolean }> {
  const db = connect(url, { applicationName: 'schema check --data' });
  try {
    const scans = await scanShapes(db, spec, {
      statementTimeout,
      onBatch: (table, rows) => {
        if (rows > 0 && rows % 100_000 === 0) ctx.output.err(`check --data: ${table}: ${rows} rows read`);
      },
    });
    const lines: string[] = [];
    if (scans.length === 0) lines.push('data: no column declares a shape');
    for (const s of scans) {
      const where = `${s.table}.${s.column}`;
      if (s.rows === undefined) lines.push(`data: ${where}: not in the database yet`);
      else if (s.failing === 0) lines.push(`data: ${where}: all ${s.rows} row${s.rows === 1 ? '' : 's'} match the shape`);
      else lines.push(`data: ${where}: ${s.failing} of ${s.rows} rows do not match the shape`, ...s.examples.map((e) => `  ${e}`));
    }
    return { lines, failing: scans.some((s) => s.failing > 0) };
  } finally {
    await db.close();
  }
}
