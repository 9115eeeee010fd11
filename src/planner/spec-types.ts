/** What the planner's spec input is: the checked spec, and a freshly parsed one (read by the cache too). */
import type { Catalog } from '../catalog/index.js';
import type { PlanInputs } from '../plan/index.js';
import type { LoadedSpec } from '../spec/types.js';
import type { Finding } from '../util/findings.js';

export interface CheckedSpec {
  /** Checklist findings on the YAML (reported with the plan). */
  readonly findings: readonly Finding[];
  readonly inputs: PlanInputs;
  /** Hash of the draft Catalog: what the desired Catalog depends on, known without reading the draft. */
  readonly draftKey: string;
  /**
   * The spec with its source positions, and the draft Catalog. Read on demand: a plan on an
   * unchanged spec with a cached desired Catalog needs neither, and on 1,000 tables they are ~10 MB.
   */
  readonly loaded: () => Promise<LoadedSpec>;
  readonly draft: () => Promise<Catalog>;
}

export interface FreshSpec {
  readonly loaded: LoadedSpec;
  readonly findings: readonly Finding[];
  readonly draft: Catalog;
  readonly inputs: PlanInputs;
}
