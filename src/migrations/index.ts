/** Migration files: names, numbering, headers, and the state hashes they record. */
export { parseForwardName, parseRollbackName, rollbackFileName, nextVersion, slugify, pad, isTimestampVersion, timestampVersion, type MigrationFileName } from './naming.js';
export { renderHeader, parseHeader, type MigrationHeader } from './header.js';
export { stateHash, liveStateHash, type StateScope } from './state.js';
