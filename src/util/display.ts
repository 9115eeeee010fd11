/**
 * Names and expressions as summaries show them: one line each, whatever the YAML holds. Control
 * characters become escapes (`\n`, `\t`, `\x07`), so a name holding a newline never splits a line
 * of a plan, and markdown gets code spans and table cells that a backtick or a pipe cannot end.
 */
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control character escaped. */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A markdown code span holding `text` as is: fenced with one more backtick than its longest run. */
export function mdCode(text: string): string {
  const shown = visible(text);
  const longest = Math.max(0, ...[...shown.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** Text for a markdown table cell: pipes escaped, on one line. */
export function mdCell(text: string): string {
  return visible(text).replaceAll('|', '\\|');
}
