export { loadParser, splitStatements, isNonTransactional, lineColOf, SqlSyntaxError, type ParsedStatement } from './parse.js';
