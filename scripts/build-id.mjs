// Writes dist/build-id.txt: a hash of every built file. Caches key their entries on it (with the
// package version), so a build that changes what the code produces never reads an older build's
// entries, whether or not the version was bumped.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUILD_ID_FILE = 'build-id.txt';

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

/** The hash of the files under `dir` (paths and bytes, in path order; the id file itself left out). */
export function buildId(dir) {
  const hash = createHash('sha256');
  const paths = files(dir)
    .map((path) => relative(dir, path).split(sep).join('/'))
    .filter((path) => path !== BUILD_ID_FILE)
    .sort();
  for (const path of paths) {
    hash.update(`${path}\0`);
    hash.update(readFileSync(join(dir, path)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = fileURLToPath(new URL('../dist', import.meta.url));
  writeFileSync(join(dist, BUILD_ID_FILE), `${buildId(dist)}\n`);
}
