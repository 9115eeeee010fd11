/**
 * Pure: YAML 1.2 scalars written the way a person would: plain when that reads back as the same
 * string, else quoted (single quotes, or JSON string syntax, which is valid YAML double-quoted),
 * and multi-line text as a `|` literal block.
 */

/** Plain scalars that YAML (1.2 core, or 1.1 readers) would read as something other than a string. */
const NON_STRING = [
  /^(?:~|null|Null|NULL)$/,
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
  /^[0-9]+(?::[0-9]+)+(?:\.[0-9]*)?$/,
  /^\d{4}-\d\d?-\d\d?/,
];

/** Answers of isPlainSafe for texts seen before (keys and type names repeat thousands of times). */
const plainSafeCache = [new Map<string, boolean>(), new Map<string, boolean>()] as const;
const PLAIN_SAFE_CACHE_MAX = 20_000;

/** Whether `text` can be written plain (unquoted): in a block, or also inside a flow collection. */
export function isPlainSafe(text: string, inFlow = true): boolean {
  const cache = plainSafeCache[inFlow ? 1 : 0];
  let safe = cache.get(text);
  if (safe === undefined) {
    safe = checkPlainSafe(text, inFlow);
    if (cache.size < PLAIN_SAFE_CACHE_MAX) cache.set(text, safe);
  }
  return safe;
}

function checkPlainSafe(text: string, inFlow: boolean): boolean {
  if (text === '' || text !== text.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) return false;
  if (/: |:$| #|[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(text)) return false;
  if (inFlow && /[,[\]{}]/.test(text)) return false;
  return !NON_STRING.some((pattern) => pattern.test(text));
}

/** A one-line scalar: plain, or a double-quoted string. */
export function inlineScalar(value: unknown, inFlow = true): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  if (isPlainSafe(text, inFlow)) return text;
  // Single quotes read best for SQL with double-quoted names; double quotes when the text needs
  // escapes (control characters) or holds single quotes but no double quotes.
  if (/[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(text) || (text.includes("'") && !text.includes('"'))) {
    return JSON.stringify(text);
  }
  return `'${text.replaceAll("'", "''")}'`;
}

/** Whether a multi-line string can be a literal block (no characters a block cannot hold). */
export function isBlockSafe(text: string): boolean {
  return text.includes('\n') && /[^\n]/.test(text) && !/[\r\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(text);
}

/**
 * `|` block header and body lines for `text`, indented by `indent` spaces. The chomping indicator
 * keeps the exact trailing newlines; an indentation indicator is added when the text starts with
 * white space or an empty line.
 */
export function literalBlock(text: string, indent: number): string {
  const trailing = /\n*$/.exec(text)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing === 0 ? text : text.slice(0, text.length - trailing);
  const indicator = /^[ \t\n]/.test(text) ? '2' : '';
  const pad = ' '.repeat(indent);
  const lines = body.split('\n').map((line) => (line === '' ? '' : pad + line));
  const extra = trailing > 1 ? '\n'.repeat(trailing - 1) : '';
  return `|${indicator}${chomp}\n${lines.join('\n')}\n${extra}`;
}
