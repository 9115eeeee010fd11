/** A small Supabase-style spec with access tests: notes owned by auth users, RLS per owner. */
export const A = '11111111-1111-1111-1111-111111111111';
export const B = '22222222-2222-2222-2222-222222222222';

export const SPEC_HEAD = `
tables:
  notes:
    columns:
      id:       { type: bigint, primary_key: true, identity: by default }
      owner_id: { type: uuid, not_null: true, references: { table: auth.users, on_delete: cascade } }
      body:     { type: text, not_null: true, default: "''" }
    rls: true
    grants: { authenticated: [select, update, delete], service_role: [all] }
    policies:
      notes_select_own: { for: select, to: authenticated, using: SELECT_POLICY }
      notes_update_own: { for: update, to: authenticated, using: (select auth.uid()) = owner_id, check: (select auth.uid()) = owner_id }
      notes_insert_system: { for: insert, to: service_role, check: "true" }
      notes_delete_own: { for: delete, to: authenticated, using: (select auth.uid()) = owner_id }
`;

export const TESTS = `
    tests:
      sees_only_own:
        as: authenticated
        claims: { sub: ${A} }
        given:
          auth.users: [{ id: ${A}, email: a@example.com }, { id: ${B}, email: b@example.com }]
          notes: [{ owner_id: ${A}, body: "it's mine" }, { owner_id: ${B}, body: "'); DROP TABLE notes; --" }]
        select: { count: 1 }
      cannot_edit_others:
        as: authenticated
        claims: { sub: ${A} }
        given:
          auth.users: [{ id: ${B}, email: b@example.com }]
          notes: [{ owner_id: ${B} }]
        update: { set: { body: changed } }
        expect: denied
      edits_own:
        as: authenticated
        claims: { sub: ${A} }
        given:
          auth.users: [{ id: ${A}, email: a@example.com }]
          notes: [{ owner_id: ${A} }]
        update: { set: { body: changed }, where: "owner_id = '${A}'" }
      anon_cannot_insert:
        as: anon
        insert: { owner_id: ${A} }
        expect: denied
`;

/** The spec with the select policy given; `own` keeps users to their rows, `true` lets them read all. */
export function notesSpec(selectPolicy: string): string {
  return SPEC_HEAD.replace('SELECT_POLICY', selectPolicy) + TESTS;
}

export const OWN = '(select auth.uid()) = owner_id';
export const EVERYONE = '"true"';
