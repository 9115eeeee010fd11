/** A Markdown reference of every spec key, rendered from the JSON Schema (for the README or `--help` pages). */
import { SPEC_JSON_SCHEMA } from './json-schema.js';

type Node = Readonly<Record<string, unknown>>;

const defs = (SPEC_JSON_SCHEMA as unknown as { $defs: Record<string, Node> }).$defs;

function resolve(node: Node): Node {
  const ref = node['$ref'];
  return typeof ref === 'string' ? (defs[ref.replace('#/$defs/', '')] ?? node) : node;
}

/** The object schema a property leads to (through $ref, maps and anyOf), if any. */
function objectOf(node: Node): Node | undefined {
  const resolved = resolve(node);
  if (resolved['properties']) return resolved;
  const additional = resolved['additionalProperties'];
  if (additional && typeof additional === 'object') return objectOf(additional as Node);
  const items = resolved['items'];
  if (items && typeof items === 'object') return objectOf(items as Node);
  for (const branch of (resolved['anyOf'] as Node[] | undefined) ?? []) {
    const found = objectOf(branch);
    if (found) return found;
  }
  return undefined;
}

export function specReferenceMarkdown(): string {
  const lines: string[] = ['# Spec reference', '', String(SPEC_JSON_SCHEMA.description), ''];
  const seen = new Set<Node>();
  const walk = (title: string, node: Node): void => {
    if (seen.has(node)) return;
    seen.add(node);
    const properties = node['properties'] as Record<string, Node>;
    const required = new Set((node['required'] as string[] | undefined) ?? []);
    lines.push(`## ${title}`, '', '| key | description |', '|---|---|');
    for (const [key, value] of Object.entries(properties)) {
      lines.push(`| \`${key}\`${required.has(key) ? ' (required)' : ''} | ${String(value['description'] ?? '').replaceAll('|', '\\|')} |`);
    }
    lines.push('');
    for (const [key, value] of Object.entries(properties)) {
      const child = objectOf(value);
      if (child) walk(`${title === 'Top level' ? '' : `${title} > `}${key}`, child);
    }
  };
  walk('Top level', SPEC_JSON_SCHEMA as unknown as Node);
  return lines.join('\n');
}
