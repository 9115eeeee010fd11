/**
 * Publications as objects (CREATE / ALTER / DROP PUBLICATION): one SetPublication per publication
 * that differs. Their tables are the tables' memberships (publicationChanges in tables.ts).
 */
import type { Catalog } from '../../catalog/types.js';
import type { Change } from '../changes.js';
import { same } from './context.js';
import { own } from '../../util/object-keys.js';

export function publicationObjectChanges(from: Catalog, to: Catalog): Change[] {
  const a = from.publications ?? {};
  const b = to.publications ?? {};
  const out: Change[] = [];
  for (const name of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const o = own(a, name);
    const n = own(b, name);
    if (o && n && same(o, n)) continue;
    out.push({ kind: 'SetPublication', name, ...(o ? { from: o } : {}), ...(n ? { to: n } : {}) });
  }
  return out;
}
