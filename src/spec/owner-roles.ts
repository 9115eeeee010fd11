/** The roles a spec names as owners (`owner:` on any object), and where each is first named. */
import type { SourcePosition, Spec, SpecPositions } from './types.js';

const SECTIONS = ['schemas', 'enums', 'domains', 'sequences', 'tables', 'functions', 'views'] as const;

/** Each `owner:` of the spec as [path of the key, role], in spec order. */
function ownerEntries(spec: Spec): [string, string][] {
  const out: [string, string][] = [];
  for (const section of SECTIONS) {
    for (const [key, value] of Object.entries(spec[section] ?? {})) {
      const owner = value && !Array.isArray(value) && typeof value === 'object' ? (value as { owner?: unknown }).owner : undefined;
      if (typeof owner === 'string') out.push([`${section}/${key}/owner`, owner]);
    }
  }
  return out;
}

/** Sorted, once each. */
export function ownerRoles(spec: Spec): string[] {
  return [...new Set(ownerEntries(spec).map(([, role]) => role))].sort();
}

/** The position of the first `owner:` naming `role`. */
export function ownerPosition(spec: Spec, positions: SpecPositions, role: string): SourcePosition | undefined {
  for (const [path, owner] of ownerEntries(spec)) if (owner === role) return positions.get(path);
  return undefined;
}
