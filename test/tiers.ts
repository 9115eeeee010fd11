/**
 * The database-free tier: test files that reach no server, found from their imports (followed
 * through test/ helpers), not from a list kept by hand. A file is database-bound when it, or a test
 * module it imports, uses the suite's server (`inject`, test/helpers/db, cli, pgbouncer,
 * private-server) or opens connections itself (`connect(`, `startEmbedded(`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SERVER_HELPERS = ['helpers/db.ts', 'helpers/cli.ts', 'helpers/pgbouncer.ts', 'helpers/private-server.ts'];
const OPENS_SERVER = /\binject\(|\bconnect\(|\bstartEmbedded\(|\bexecFileSync\(|\bspawn\(/;
const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? testFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

export function databaseFreeTests(testDir: string): string[] {
  const root = resolve(testDir);
  const bound = new Map<string, boolean>();
  const visit = (file: string, seen: Set<string>): boolean => {
    const known = bound.get(file);
    if (known !== undefined) return known;
    if (seen.has(file)) return false;
    seen.add(file);
    const rel = relative(root, file).replaceAll('\\', '/');
    const source = readFileSync(file, 'utf8');
    let result = SERVER_HELPERS.includes(rel) || OPENS_SERVER.test(source);
    for (const match of source.matchAll(IMPORT)) {
      if (result) break;
      const target = resolve(dirname(file), (match[1] ?? match[2]!).replace(/\.js$/, '.ts'));
      if (target.startsWith(root) && !target.includes('/helpers/setup.ts')) result = visit(target, seen);
    }
    bound.set(file, result);
    return result;
  };
  return testFiles(root)
    .filter((file) => file.endsWith('.test.ts') && !visit(file, new Set()))
    .map((file) => relative(process.cwd(), file))
    .sort();
}
