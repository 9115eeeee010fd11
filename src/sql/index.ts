export {
  loadParser,
  splitStatements,
  isNonTransactional,
  lineColOf,
  scanTokens,
  parsePlpgsqlBody,
  SqlSyntaxError,
  type ParsedStatement,
  type SqlToken,
} from './parse.js';
export { SourceText } from './source.js';
export { parseType, fromTypeName, isTimestampWithoutZone, isJsonb, SERIAL_TYPES, INTEGER_TYPES, type ParsedType } from './types.js';
export { analyzeStatements, type FileAnalysis, type Unit, type Guard } from './analyze.js';
export * from './ast.js';
export { batchedBackfillSql, batchedBackfillTarget, BACKFILL_ROWS_SETTING, BACKFILL_FROM_SETTING, BACKFILL_TO_SETTING, type BackfillTarget } from './backfill.js';
