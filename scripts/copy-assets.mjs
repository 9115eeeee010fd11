// Copies non-TypeScript assets (catalog queries, templates) from src/ to dist/ after tsc.
import { cpSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');
const out = join(root, 'dist');
const assetExtensions = ['.sql', '.yaml', '.json'];

function walk(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path);
    else if (assetExtensions.some((ext) => entry.endsWith(ext))) {
      const target = join(out, relative(src, path));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(path, target);
    }
  }
}
walk(src);
