import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** The package version, recorded in every generated migration's header. */
export const VERSION: string = (require('../package.json') as { version: string }).version;

let code: string | undefined;

/**
 * The version of the code itself, for cache keys: the package version and the build's id (a hash of
 * the built files, written by the build). Run from source, without a build, the id is `source`.
 */
export function codeVersion(): string {
  if (code === undefined) {
    let id = 'source';
    try {
      id = readFileSync(new URL('./build-id.txt', import.meta.url), 'utf8').trim() || id;
    } catch {
      // not a build
    }
    code = `${VERSION}+${id}`;
  }
  return code;
}
