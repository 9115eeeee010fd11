/** Source positions of spec nodes: lookup with fallback to the nearest declared ancestor. */
import type { LoadedSpec, SourcePosition } from './types.js';

/** Joins path segments into a positions key (`tables/notifications/columns/id`). */
export function pathKey(segments: readonly (string | number)[]): string {
  return segments.map(String).join('/');
}

/**
 * Position of `path`, or of its nearest ancestor that has one, or the first file's start.
 * Segments are matched one by one, so names containing `/` still resolve.
 */
export function positionOf(loaded: Pick<LoadedSpec, 'positions' | 'files'>, segments: readonly (string | number)[]): SourcePosition {
  for (let take = segments.length; take > 0; take--) {
    const hit = loaded.positions.get(pathKey(segments.slice(0, take)));
    if (hit) return hit;
  }
  return { file: loaded.files[0] ?? 'schema', line: 1, col: 1 };
}
