/** `schema check --models DIR --types FILE`: the generated files on disk against what the YAML generates now. */
import { resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { artifactFiles, loadValidSpec, staleArtifacts, type ArtifactKind } from '../../generate/artifacts.js';
import { displayDir } from './validate.js';

export interface ArtifactCheck {
  readonly lines: readonly string[];
  readonly stale: boolean;
}

export async function checkArtifacts(ctx: CommandContext, schemaDir: string, targets: readonly (readonly [ArtifactKind, string])[]): Promise<ArtifactCheck> {
  const config = await ctx.config();
  const spec = await loadValidSpec(displayDir(ctx.cwd, schemaDir), config);
  const lines: string[] = [];
  let stale = false;
  for (const [kind, out] of targets) {
    const label = kind === 'sqlalchemy' ? 'models' : 'types';
    const shown = displayDir(ctx.cwd, out);
    const files = artifactFiles(kind, spec);
    const problems = staleArtifacts(resolve(ctx.cwd, out), files);
    if (problems.length === 0) {
      lines.push(`${label}: ${shown} is up to date with the YAML (${files.size} file${files.size === 1 ? '' : 's'})`);
      continue;
    }
    stale = true;
    lines.push(`${label}: ${shown} is stale: ${problems.length} of ${files.size} file${files.size === 1 ? '' : 's'} differ${problems.length === 1 ? "s" : ""} from what the YAML generates`);
    for (const p of problems) lines.push(`  ${displayDir(ctx.cwd, p.path)}: ${p.state === 'missing' ? 'missing' : 'changed'}`);
    lines.push(`  Fix: schema generate ${kind} --out ${shown}`);
  }
  return { lines, stale };
}
