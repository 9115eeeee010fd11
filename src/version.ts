import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** The package version, recorded in every generated migration's header. */
export const VERSION: string = (require('../package.json') as { version: string }).version;
