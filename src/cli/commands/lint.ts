/** `schema lint [PATHS...]`: the checklist on SQL files and migration directories. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { direntKind } from '../../util/files.js';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { CommandRegistrar } from '../context.js';
import { checkDirectoryRules, exposureFactsOf, lintSql, mergeFacts, toSarif, type ExposureFacts } from '../../rules/index.js';
import { parseForwardName, parseRollbackName } from '../../migrations/naming.js';
import { decodeSql, MAX_SQL_BYTES, tooLarge } from '../../rules/read-sql.js';
import { compareFindings, formatFinding, InputError, type Finding } from '../../util/findings.js';

type Format = 'text' | 'json' | 'sarif';
const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];
/** Codes that mean the input could not be read as SQL: exit 2. */
const INPUT_CODES = new Set(['input', 'syntax']);

export const registerLint: CommandRegistrar = (program, ctx, setExit) => {
  program
    .command('lint')
    .description('check SQL files and migration directories against the checklist (default: the migrations directory)')
    .argument('[paths...]', 'SQL files or directories')
    .option('--format <format>', 'text, json or sarif', 'text')
    .action(async (paths: string[], options: { format: string }) => {
      const format = options.format as Format;
      if (!FORMATS.includes(format)) throw new InputError(`--format must be one of ${FORMATS.join(', ')}, not "${options.format}"`);
      const config = await ctx.config();
      const exposedSchemas = config.exposed_schemas;
      const display = (abs: string): string => {
        const rel = relative(ctx.cwd, abs);
        if (rel === '') return '.';
        return !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
      };
      const targets = paths.length ? paths : [config.migrations];
      const findings: Finding[] = [];
      let files = 0;
      const lintFile = (abs: string, size: number, earlier?: ExposureFacts): string | undefined => {
        files++;
        // A file over the limit is refused from its size alone, without reading it into memory.
        const read = size > MAX_SQL_BYTES ? tooLarge(display(abs), size) : decodeSql(display(abs), readFileSync(abs));
        if ('finding' in read) {
          findings.push(read.finding);
          return undefined;
        }
        findings.push(...lintSql(display(abs), read.text, { exposedSchemas, ...(earlier ? { earlier } : {}) }));
        return read.text;
      };
      /**
       * A directory is a sequence: a file may grant on a table whose RLS an earlier file enabled, or
       * on a view an earlier file created. Forward files see the forward files before them; a
       * rollback_NNN sees the forward files up to NNN (the state it runs in).
       */
      const lintDirectory = (abs: string, entries: readonly { name: string; size: number }[]): void => {
        const forward = entries.map((e) => ({ ...e, version: parseForwardName(e.name)?.version })).filter((e) => e.version !== undefined);
        const factsUpTo: { version: number; facts: ExposureFacts | undefined }[] = [];
        let facts: ExposureFacts | undefined;
        for (const entry of [...forward].sort((a, b) => a.version! - b.version! || (a.name < b.name ? -1 : 1))) {
          const text = lintFile(join(abs, entry.name), entry.size, facts);
          const own = text === undefined ? undefined : exposureFactsOf(text);
          if (own) facts = mergeFacts(facts, own);
          factsUpTo.push({ version: entry.version!, facts });
        }
        for (const entry of entries) {
          if (parseForwardName(entry.name) !== undefined) continue;
          const version = parseRollbackName(entry.name);
          const before = version === undefined ? undefined : [...factsUpTo].reverse().find((f) => f.version <= version)?.facts;
          lintFile(join(abs, entry.name), entry.size, before);
        }
      };
      for (const target of targets) {
        const abs = resolve(ctx.cwd, target);
        if (!existsSync(abs)) {
          const hint = paths.length ? '' : ' (the migrations directory from schema.config.yaml; pass SQL files or directories to lint)';
          throw new InputError(`${target}: no such file or directory${hint}`);
        }
        const stat = statSync(abs);
        if (stat.isDirectory()) {
          const entries = readdirSync(abs, { withFileTypes: true })
            .filter((e) => e.name.endsWith('.sql') && direntKind(abs, e) === 'file')
            .map((e) => ({ name: e.name, size: statSync(join(abs, e.name)).size }))
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
          findings.push(...checkDirectoryRules({ dir: display(abs), files: entries, exposedSchemas }));
          lintDirectory(abs, entries);
        } else {
          lintFile(abs, stat.size);
        }
      }
      findings.sort(compareFindings);
      const errors = findings.filter((f) => f.severity === 'error').length;
      const warnings = findings.length - errors;
      if (format === 'json') {
        ctx.output.out(JSON.stringify({ findings, summary: { files, errors, warnings } }, null, 2));
      } else if (format === 'sarif') {
        ctx.output.out(JSON.stringify(toSarif(findings), null, 2));
      } else {
        for (const finding of findings) ctx.output.out(formatFinding(finding));
        ctx.output.err(`${files} file${files === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
      }
      setExit(findings.some((f) => INPUT_CODES.has(f.code)) ? 2 : errors > 0 ? 1 : 0);
    });
};
