/** The Catalog: the one model of a database's managed scope, and how to read it from a server. */
export type * from './types.js';
export { emptyCatalog } from './types.js';
export { quoteIdent, quoteQualified, quoteLiteral, qualifiedName, splitQualified, parseQualifiedReference } from './names.js';
export { normalizeCatalog, catalogJson, catalogHash, catalogFingerprint } from './normalize.js';
export { catalogsEqual, catalogDifferences, projectCatalog, defaultPrivilegesKey, parseDefaultPrivilegesKey } from './compare.js';
export { introspect, INTROSPECTION_QUERY_COUNT, type SnapshotReader } from './introspect/index.js';
export { PLATFORM_SCHEMAS, HISTORY_SCHEMA, isUnmanagedSchema, type Scope } from './scope.js';
