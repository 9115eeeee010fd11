/** `schema pull`: a live database's Catalog written out as the YAML spec a person would write. */
import type { Catalog } from '../catalog/types.js';
import { renderYaml } from './render-yaml.js';
import { eachFragment, type PullOptions } from './spec-from-catalog.js';
import { waivePulledFindings } from './waivers.js';

export type { PullOptions, PulledFragment } from './spec-from-catalog.js';
export { specFragments } from './spec-from-catalog.js';
export { renderYaml } from './render-yaml.js';
export { writePulled, pullDatabase, type PullResult } from './write.js';
export { formatUnmanaged, type UnmanagedFeature } from './unmanaged.js';

/** Pure: relative file path (`tables/public.notifications.yaml`, `enums.yaml`, ...) -> YAML text, sorted by path. */
export function pullSpec(catalog: Catalog, options: PullOptions = {}): Map<string, string> {
  // Each fragment is rendered as soon as it is built: its Spec objects die young, which keeps
  // garbage collection cheap on thousands of tables.
  const files: [string, string][] = [];
  const exposedSchemas = options.exposedSchemas ?? ['public'];
  for (const fragment of eachFragment(catalog, options)) files.push([fragment.file, renderYaml(waivePulledFindings(fragment.spec, { exposedSchemas }))]);
  return new Map(files.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}
