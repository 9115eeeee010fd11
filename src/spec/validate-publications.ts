/**
 * Checks of `publications:` and of the publications tables join: names valid, the platform's
 * publication (`supabase_realtime`) never declared (plans do not create or drop it), and, once the
 * spec manages publications, every publication a table joins declared (or the platform's).
 */
import { isPlatformPublication } from '../catalog/scope.js';
import type { CheckContext } from './check-context.js';
import { didYouMean } from './suggest.js';
import type { Spec } from './types.js';

export function checkPublications(ctx: CheckContext, spec: Spec): void {
  const declared = spec.publications;
  for (const [name, p] of Object.entries(declared ?? {})) {
    const path = ['publications', name];
    ctx.name(path, name, 'publication');
    if (isPlatformPublication(name)) {
      ctx.error(path, 'platform-publication', `"${name}" is the platform's publication: plans never create or drop it`, 'remove it here; tables join it with `publications: [' + name + ']`');
    }
    if (p?.owner !== undefined) {
      ctx.name([...path, 'owner'], p.owner, 'role');
      ctx.role([...path, 'owner'], p.owner);
    }
    (p?.schemas ?? []).forEach((schema, i) => ctx.name([...path, 'schemas', i], schema, 'schema'));
  }
  if (declared === undefined) return;
  const known = Object.keys(declared);
  for (const [table, t] of Object.entries(spec.tables ?? {})) {
    const given = t.publications;
    if (given === undefined) continue;
    const names = Array.isArray(given) ? (given as readonly string[]) : Object.keys(given);
    names.forEach((name, i) => {
      if (known.includes(name) || isPlatformPublication(name)) return;
      const path = ['tables', table, 'publications', Array.isArray(given) ? i : name];
      const suggestion = didYouMean(name, known);
      ctx.error(path, 'unknown-publication', `table "${table}" joins publication "${name}", which is not under \`publications:\``, suggestion ? `did you mean ${suggestion}?` : `declare it: \`publications: { ${name}: {} }\``);
    });
  }
}
