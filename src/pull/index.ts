/** `schema pull`: a live database's Catalog written out as the YAML spec a person would write. */
import type { Catalog } from '../catalog/types.js';
import { renderYaml } from './render-yaml.js';
import { specFragments, type PullOptions } from './spec-from-catalog.js';

export type { PullOptions, PulledFragment } from './spec-from-catalog.js';
export { specFragments } from './spec-from-catalog.js';
export { renderYaml } from './render-yaml.js';
export { writePulled, pullDatabase, type PullResult } from './write.js';
export { formatUnmanaged, type UnmanagedFeature } from './unmanaged.js';

/** Pure: relative file path (`tables/public.notifications.yaml`, `enums.yaml`, ...) -> YAML text, sorted by path. */
export function pullSpec(catalog: Catalog, options: PullOptions = {}): Map<string, string> {
  const fragments = specFragments(catalog, options).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return new Map(fragments.map((f) => [f.file, renderYaml(f.spec)]));
}
