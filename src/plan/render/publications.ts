/**
 * SQL of a publication as an object: CREATE PUBLICATION (its options and FOR TABLES IN SCHEMA),
 * ALTER PUBLICATION (SET options, ADD/DROP TABLES IN SCHEMA, OWNER TO), COMMENT ON PUBLICATION,
 * DROP PUBLICATION. Every statement can run twice: the create and the schema changes are guarded,
 * the drop is IF EXISTS, SET and OWNER TO are absolute.
 */
import { PUBLISH_OPERATIONS, type Publication } from '../../catalog/types.js';
import type { Change } from '../changes.js';
import type { Step } from '../types.js';
import { guarded, ident, step, str } from './sql.js';

type PublicationChange = Extract<Change, { kind: 'SetPublication' }>;

export function renderPublicationChange(change: PublicationChange): Step[] {
  const { name, from, to } = change;
  const object = name;
  if (to === undefined) return [step(`DROP PUBLICATION IF EXISTS ${ident(name)}`, `- publication ${name}`, object)];
  const out: Step[] = [];
  if (from === undefined) {
    const schemas = to.schemas?.length ? ` FOR TABLES IN SCHEMA ${to.schemas.map(ident).join(', ')}` : '';
    out.push(
      step(
        guarded(`NOT EXISTS (SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = ${str(name)})`, `CREATE PUBLICATION ${ident(name)}${schemas} WITH (${optionsSql(to)})`),
        `+ publication ${name}`,
        object,
      ),
    );
  } else {
    if (optionsSql(from) !== optionsSql(to)) out.push(step(`ALTER PUBLICATION ${ident(name)} SET (${optionsSql(to)})`, `~ publication ${name} options`, object));
    const before = new Set(from.schemas ?? []);
    const after = new Set(to.schemas ?? []);
    for (const schema of before) {
      if (after.has(schema)) continue;
      out.push(step(guarded(inSchemaList(name, schema), `ALTER PUBLICATION ${ident(name)} DROP TABLES IN SCHEMA ${ident(schema)}`), `- publication ${name} schema ${schema}`, object));
    }
    for (const schema of after) {
      if (before.has(schema)) continue;
      out.push(step(guarded(`NOT ${inSchemaList(name, schema)}`, `ALTER PUBLICATION ${ident(name)} ADD TABLES IN SCHEMA ${ident(schema)}`), `+ publication ${name} schema ${schema}`, object));
    }
  }
  if (from?.owner !== to.owner && (from !== undefined || to.owner !== undefined)) {
    out.push(step(`ALTER PUBLICATION ${ident(name)} OWNER TO ${to.owner === undefined ? 'CURRENT_USER' : ident(to.owner)}`, `~ publication ${name} owner ${to.owner ?? 'current user'}`, object));
  }
  if (from?.comment !== to.comment) {
    out.push(step(`COMMENT ON PUBLICATION ${ident(name)} IS ${to.comment === undefined ? 'NULL' : str(to.comment)}`, `~ comment on publication ${name}`, object));
  }
  return out;
}

/** The WITH options, always both, so SET leaves nothing as it was. */
function optionsSql(p: Publication): string {
  const publish = (p.publish ?? PUBLISH_OPERATIONS).join(', ');
  return `publish = ${str(publish)}, publish_via_partition_root = ${p.viaPartitionRoot === true}`;
}

/** True while the publication has FOR TABLES IN SCHEMA of the schema (PostgreSQL 15+, where the statement runs). */
function inSchemaList(publication: string, schema: string): string {
  return (
    `EXISTS (SELECT 1 FROM pg_catalog.pg_publication_namespace pn JOIN pg_catalog.pg_publication p ON p.oid = pn.pnpubid ` +
    `JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid WHERE p.pubname = ${str(publication)} AND n.nspname = ${str(schema)})`
  );
}
