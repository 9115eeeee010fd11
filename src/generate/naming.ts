/** Names the generated code uses: singular PascalCase classes, safe Python attribute names. */

const PY_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from global if ' +
    'import in is lambda nonlocal not or pass raise return try while with yield match case type'
  ).split(' '),
);

/** Attributes a declarative class already has: a column of that name is mapped under another attribute. */
const DECLARATIVE_RESERVED = new Set(['metadata', 'registry', 'query', '__table__', '__tablename__', '__mapper__']);

/** `partner_connections` -> `partner_connection`: the last word of a snake_case name made singular. */
export function singular(name: string): string {
  const parts = name.split('_');
  const last = parts.pop() ?? '';
  return [...parts, singularWord(last)].join('_');
}

function singularWord(word: string): string {
  const lower = word.toLowerCase();
  if (lower.length <= 3 || /(?:ss|us|is|news|data|series|species)$/.test(lower)) return word;
  if (lower.endsWith('ies')) return `${word.slice(0, -3)}${word.at(-3) === 'I' ? 'Y' : 'y'}`;
  if (/(?:ches|shes|sses|xes|zes)$/.test(lower)) return word.slice(0, -2);
  if (lower.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** `partner_connection` -> `PartnerConnection`; any character outside [A-Za-z0-9] separates words. */
export function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  if (joined === '') return 'Model';
  return /^[0-9]/.test(joined) ? `T${joined}` : joined;
}

/** `partner_connections` -> `PartnerConnection`. */
export function className(table: string): string {
  return pascalCase(singular(table));
}

/** A Python identifier for a column or relationship name: the name itself when it can be one. */
export function pythonAttribute(name: string): string {
  let attr = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (attr === '' || /^[0-9]/.test(attr)) attr = `c_${attr}`;
  if (PY_KEYWORDS.has(attr) || DECLARATIVE_RESERVED.has(attr)) attr = `${attr}_`;
  return attr;
}

/** A Python string literal: JSON's escapes are Python's. */
export const pyString = (text: string): string => JSON.stringify(text);

/** A TypeScript property key: bare when it is an identifier, else quoted. */
export const tsKey = (name: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));

/** A TypeScript string literal type. */
export const tsString = (text: string): string => JSON.stringify(text);
