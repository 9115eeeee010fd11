/** The spec: YAML files in, a validated Spec and its draft Catalog out. */
export { loadSpec, type ParsedFileCache } from './load.js';
export { checkSpecStructure, type ValidateConfig, type ValidateResult } from './validate.js';
export { toCatalog, managedSchemas, type ToCatalogOptions, type ToCatalogResult } from './to-catalog.js';
export { SPEC_JSON_SCHEMA } from './json-schema.js';
export { specReferenceMarkdown } from './docs.js';
export { positionOf } from './positions.js';
export { MAX_FILE_BYTES } from './read-yaml.js';
export type * from './types.js';
