/** Enum swaps: remove, rename or reorder values through a new type, with a guard for rows that would be left without a value. */
import { quoteIdent } from '../../catalog/names.js';
import type { EnumType } from '../../catalog/types.js';
import type { EnumColumnUse } from '../changes.js';
import type { Hazard, Step } from '../types.js';
import { doBlock, lit, q, shortName, step, str } from './sql.js';

const key = (o: { readonly schema: string; readonly name: string }): string => `${o.schema}.${o.name}`;

/** Remove, rename or reorder enum values: a new type, every column moved over (with the remap), the old type dropped. */
export function replaceEnum(from: EnumType, to: EnumType, remap: Readonly<Record<string, string>>, columns: readonly EnumColumnUse[]): Step[] {
  const k = key(to);
  const tmpName = shortName(to.name, '__new');
  const tmp = q(`${to.schema}.${tmpName}`);
  const lines: string[] = [];
  lines.push(`    DROP TYPE IF EXISTS ${tmp};`);
  lines.push(`    CREATE TYPE ${tmp} AS ENUM (${to.values.map(str).join(', ')});`);
  const renames = Object.entries(remap).filter(([o, n]) => o !== n);
  for (const use of columns) {
    const t = q(use.table);
    const c = quoteIdent(use.column);
    lines.push(`    ALTER TABLE ${t} ALTER COLUMN ${c} DROP DEFAULT;`);
    let using: string;
    if (use.array) {
      using = `${c}::text[]`;
      for (const [o, n] of renames) using = `array_replace(${using}, ${str(o)}, ${str(n)})`;
      using = `(${using})::${tmp}[]`;
    } else {
      using =
        renames.length === 0
          ? `${c}::text::${tmp}`
          : `(CASE ${c}::text ${renames.map(([o, n]) => `WHEN ${str(o)} THEN ${str(n)}`).join(' ')} ELSE ${c}::text END)::${tmp}`;
    }
    lines.push(`    ALTER TABLE ${t} ALTER COLUMN ${c} TYPE ${tmp}${use.array ? '[]' : ''} USING ${using};`);
  }
  lines.push(`    DROP TYPE ${q(k)};`);
  lines.push(`    ALTER TYPE ${tmp} RENAME TO ${quoteIdent(to.name)};`);
  // The new type starts without the old one's comment.
  if (to.comment !== undefined) lines.push(`    COMMENT ON TYPE ${q(k)} IS ${str(to.comment)};`);
  for (const use of columns) {
    if (use.default !== undefined) lines.push(`    ALTER TABLE ${q(use.table)} ALTER COLUMN ${quoteIdent(use.column)} SET DEFAULT ${use.default};`);
  }
  const current = `(SELECT array_agg(enumlabel::text ORDER BY enumsortorder) FROM pg_catalog.pg_enum WHERE enumtypid = ${lit(k)}::regtype)`;
  const target = `ARRAY[${to.values.map(str).join(', ')}]::text[]`;
  const body = `  IF ${current} IS DISTINCT FROM ${target} THEN\n${lines.join('\n')}\n  END IF;`;
  // A removed value loses data unless it is remapped to a value of its own (a rename): rows remapped
  // onto a value that already exists can no longer be told apart from the rows that had it.
  const gone = from.values.filter((v) => !to.values.includes(v));
  const unmapped = gone.filter((v) => !Object.hasOwn(remap, v));
  const merged = gone.filter((v) => Object.hasOwn(remap, v) && from.values.includes(remap[v]!));
  const hazards: Hazard[] = ['access-exclusive-lock'];
  if (columns.length > 0) hazards.push('rewrites-table');
  if (unmapped.length > 0 || merged.length > 0) hazards.push('deletes-data');
  const what = [
    ...(unmapped.length > 0 ? [`removes ${unmapped.join(', ')}`] : []),
    ...(merged.length > 0 ? [`merges ${merged.map((v) => `${v} into ${remap[v]}`).join(', ')}`] : []),
  ];
  const replace = step(doBlock(body), `~ enum ${k} replaced (${what.length > 0 ? what.join('; ') : 'values renamed or reordered'})`, k, { hazards });
  return unmapped.length > 0 && columns.length > 0 ? [removedValuesGuard(k, unmapped, columns), replace] : [replace];
}

/**
 * Fails fast, before anything changes, when rows still hold a value the enum loses and no `remap`
 * says where they go: the cast in the swap would fail on them with an obscure message.
 */
function removedValuesGuard(enumKey: string, removed: readonly string[], columns: readonly EnumColumnUse[]): Step {
  const values = `ARRAY[${removed.map(str).join(', ')}]::text[]`;
  const still = `pg_catalog.to_regtype(${lit(enumKey)}) IS NOT NULL AND EXISTS (SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = ${lit(enumKey)}::regtype AND enumlabel::text = ANY (${values}))`;
  const checks = columns.map((use) => {
    const c = quoteIdent(use.column);
    const hit = use.array ? `${c}::text[] && ${values}` : `${c}::text = ANY (${values})`;
    const where = `${use.table}.${use.column}`;
    return (
      `  IF EXISTS (SELECT 1 FROM ${q(use.table)} WHERE ${hit}) THEN\n` +
      `    RAISE EXCEPTION ${str(`${where} holds ${removed.join(', ')}, which enum ${enumKey} no longer has`)}\n` +
      `      USING HINT = ${str(`declare remap: { ${removed.map((v) => `${v}: <new value>`).join(', ')} } on the enum, or update those rows first`)};\n  END IF;`
    );
  });
  return step(doBlock(`  IF ${still} THEN\n${checks.join('\n')}\n  END IF;`), `? no rows hold ${removed.join(', ')} of enum ${enumKey}`, enumKey);
}
