/** COMMENT ON COLUMN of a view's or materialized view's columns (View.columnComments). */
import type { View } from '../../catalog/types.js';
import type { Change } from '../changes.js';
import { own } from '../../util/object-keys.js';
import { commentChange } from './context.js';

/** Comment changes of the view's columns, from `before` (absent: a new view) to `after`. */
export function viewColumnComments(key: string, before: View | undefined, after: View, flags: { implied?: boolean; impliedInverse?: boolean } = {}): Change[] {
  const out: Change[] = [];
  const a = before?.columnComments ?? {};
  const b = after.columnComments ?? {};
  for (const column of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    // A column the view no longer has takes its comment along.
    if (!after.columns.includes(column) && after.columns.length > 0) continue;
    out.push(...commentChange({ type: 'column', table: key, column }, own(a, column), own(b, column), flags));
  }
  return out;
}
