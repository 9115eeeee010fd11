/**
 * Pure: a Spec fragment as YAML text a person would write: nested maps in block style, small leaf
 * maps and lists on one line (`id: { type: uuid, primary_key: true }`), SQL bodies as `|` blocks.
 */
import { Document, Pair, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { Spec } from '../spec/types.js';

const FLOW_MAX = 110;

/** Maps whose values are objects a person reads as blocks: a table, a function, a view. */
const OBJECT_PARENTS = new Set(['tables', 'functions', 'views', 'external']);
/** Keys whose map value stays a block even when short (a list of column names under `columns` may be one line). */
const BLOCK_KEYS = new Set(['columns', 'policies', 'triggers', 'checks', 'unique', 'foreign_keys']);
/** Keys whose value always stays a block. */
const ALWAYS_BLOCK_KEYS = new Set(['indexes']);

function hasNewline(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\n');
  if (Array.isArray(value)) return value.some(hasNewline);
  if (value && typeof value === 'object') return Object.values(value).some(hasNewline);
  return false;
}

function isCollection(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

/** `path`: the keys from the root to this value (list items add nothing). */
function node(doc: Document, value: unknown, path: readonly string[]): Node | unknown {
  if (!isCollection(value)) return doc.createNode(value);
  const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
  const flowable =
    empty ||
    (path.length >= 2 &&
      !OBJECT_PARENTS.has(path[path.length - 2]!) &&
      !(BLOCK_KEYS.has(path[path.length - 1]!) && !Array.isArray(value)) &&
      !ALWAYS_BLOCK_KEYS.has(path[path.length - 1]!) &&
      !hasNewline(value) &&
      JSON.stringify(value).length <= FLOW_MAX);
  if (flowable) return doc.createNode(value, { flow: true });
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    for (const item of value) seq.items.push(node(doc, item, [...path, '-']));
    return seq;
  }
  const map = new YAMLMap();
  for (const [key, child] of Object.entries(value)) {
    map.items.push(new Pair(doc.createNode(key), node(doc, child, [...path, key])));
  }
  return map;
}

export function renderYaml(spec: Spec): string {
  const doc = new Document();
  doc.contents = node(doc, spec, []) as Node;
  const text = doc.toString({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding: true });
  // An empty block value (`public:`) reads better than `public: null`; a string "null" is always quoted.
  return text.replace(/^(\s*[^\s#-].*?): null$/gm, '$1:');
}
