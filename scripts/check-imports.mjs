// Fails when src/ has an import cycle between files or between top-level folders (run by CI):
// layers run one way. `node scripts/check-imports.mjs` prints the cycles and each folder's imports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(new URL('../src', import.meta.url).pathname);
const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) files.push(path);
  }
};
walk(root);
const known = new Set(files);
// Static and dynamic imports and re-exports, type-only ones included: a cycle of types is a cycle of knowledge.
const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
const edges = new Map(
  files.map((file) => {
    const targets = new Set();
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolve(dirname(file), (match[1] ?? match[2]).replace(/\.js$/, '.ts'));
      if (known.has(target)) targets.add(target);
    }
    return [file, [...targets].sort()];
  }),
);

/** Strongly connected components with more than one node (Tarjan). */
function cycles(nodes, next) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return found;
}

const folderOf = (file) => relative(root, dirname(file)).split('/')[0] || '.';
const folderEdges = new Map();
for (const [file, targets] of edges) {
  for (const target of targets) {
    const from = folderOf(file);
    const to = folderOf(target);
    if (from === to) continue;
    if (!folderEdges.has(from)) folderEdges.set(from, new Set());
    folderEdges.get(from).add(to);
  }
}
const fileCycles = cycles(files, (file) => edges.get(file));
const folderCycles = cycles([...new Set(files.map(folderOf))].sort(), (folder) => [...(folderEdges.get(folder) ?? [])].sort());
for (const folder of [...folderEdges.keys()].sort()) console.log(`${folder} -> ${[...folderEdges.get(folder)].sort().join(' ')}`);
for (const cycle of fileCycles) console.error(`import cycle between files: ${cycle.map((f) => relative(root, f)).join(' -> ')}`);
for (const cycle of folderCycles) console.error(`import cycle between folders: ${cycle.join(' -> ')}`);
process.exit(fileCycles.length + folderCycles.length > 0 ? 1 : 0);
