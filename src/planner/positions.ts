/** Maps catalog objects back to the YAML that declared them, for positioned errors. */
import type { LoadedSpec, SourcePosition } from '../spec/types.js';

const KIND_PATHS = ['tables', 'external', 'enums', 'functions', 'views', 'domains', 'sequences', 'extensions', 'schemas', 'publications'];

/**
 * The best position for an object key such as `public.notifications`, `public.notifications.is_read`,
 * `public.f(integer)`: the declaring YAML node, or the first file when nothing matches.
 */
export function positionOfObject(loaded: LoadedSpec, object: string): SourcePosition {
  const candidates = candidateNames(object);
  for (const name of candidates) {
    for (const kind of KIND_PATHS) {
      const hit = loaded.positions.get(`${kind}/${name}`);
      if (hit) return refine(loaded, `${kind}/${name}`, object, hit);
    }
  }
  return { file: loaded.files[0] ?? 'schema', line: 1, col: 1 };
}

function candidateNames(object: string): string[] {
  const withoutArgs = object.replace(/\(.*$/, '');
  const parts = withoutArgs.split('.');
  const out: string[] = [];
  for (let take = parts.length; take >= 1; take--) {
    const qualified = parts.slice(0, take).join('.');
    out.push(qualified);
    if (parts[0] === 'public' && take >= 2) out.push(parts.slice(1, take).join('.'));
  }
  return out;
}

/** Within a table, point at the column, policy, trigger or index the key names, when it does. */
function refine(loaded: LoadedSpec, base: string, object: string, fallback: SourcePosition): SourcePosition {
  const rest = object.split('.').pop() ?? '';
  for (const child of ['columns', 'policies', 'triggers', 'checks', 'unique', 'foreign_keys']) {
    const hit = loaded.positions.get(`${base}/${child}/${rest}`);
    if (hit) return hit;
  }
  return fallback;
}
