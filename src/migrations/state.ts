/** The state hash of a database over a migration's scope: what a header's pre-/post-state records. */
import { withoutOwners } from '../catalog/owners.js';
import { catalogHash, introspect, projectCatalog, type Catalog, type SnapshotReader } from '../catalog/index.js';

export interface StateScope {
  readonly managedSchemas: readonly string[];
  readonly managedRoles: readonly string[];
  readonly extensions: readonly string[];
  /** Platform items (see Scope); absent or empty for none. */
  readonly platform?: readonly string[];
}

export function stateHash(catalog: Catalog, scope: StateScope): string {
  return catalogHash(projectCatalog(withoutOwners(catalog), scope.managedRoles));
}

export async function liveStateHash(db: SnapshotReader, scope: StateScope): Promise<string> {
  const catalog = await introspect(db, { schemas: scope.managedSchemas, extensions: scope.extensions, platform: scope.platform ?? [] });
  return stateHash(catalog, scope);
}
