/** Privileges read from aclitem text equal what PostgreSQL's own aclexplode reports. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aclPairs, parseAclItem } from '../../src/catalog/introspect/acl.js';
import { quoteIdent } from '../../src/catalog/names.js';
import { freshDatabase } from '../helpers/db.js';

describe('aclitem text', () => {
  it('reads grantee and privileges, PUBLIC, grant options and quoted names', () => {
    expect(parseAclItem('authenticated=rw/postgres')).toEqual({ grantee: 'authenticated', privileges: ['select', 'update'] });
    expect(parseAclItem('=X/owner')).toEqual({ grantee: 'public', privileges: ['execute'] });
    expect(parseAclItem('app=r*a*/postgres')).toEqual({ grantee: 'app', privileges: ['select with grant option', 'insert with grant option'] });
    expect(parseAclItem('app=r*a/postgres')).toEqual({ grantee: 'app', privileges: ['select with grant option', 'insert'] });
    expect(parseAclItem('app=*r/postgres')).toBeUndefined();
    expect(parseAclItem('"we ""quote""=odd"=D/"x/y"')).toEqual({ grantee: 'we "quote"=odd', privileges: ['truncate'] });
    expect(parseAclItem('not an acl')).toBeUndefined();
    expect(parseAclItem('x=r?/y')).toBeUndefined();
  });

  it("leaves out the owner's own privileges", () => {
    expect(aclPairs(['postgres=arwdDxt/postgres', 'anon=r/postgres'], 'postgres')).toEqual([['anon', 'select']]);
    expect(aclPairs(null, 'postgres')).toEqual([]);
  });

  it('agrees with aclexplode on a real server, for awkward role names', async () => {
    const t = await freshDatabase('acl');
    const suffix = randomBytes(3).toString('hex');
    const roles = [`acl plain_${suffix}`, `acl "quoted", = / *_${suffix}`, `acl_ünï_${suffix}`, `ACL_Mixed_${suffix}`];
    try {
      for (const role of roles) await t.db.exec(`CREATE ROLE ${quoteIdent(role)}`);
      await t.db.exec(`CREATE TABLE t (id int);
        GRANT SELECT, INSERT ON t TO ${quoteIdent(roles[0]!)};
        GRANT UPDATE ON t TO ${quoteIdent(roles[1]!)} WITH GRANT OPTION;
        GRANT ALL ON t TO ${quoteIdent(roles[2]!)};
        GRANT TRIGGER, REFERENCES ON t TO ${quoteIdent(roles[3]!)}, PUBLIC;
        CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';`);
      const rows = await t.db.query<{ acl: string[]; owner: string; exploded: [string, string][] }>(`
        SELECT acl::text[] AS acl, pg_get_userbyid(owner) AS owner,
               (SELECT coalesce(jsonb_agg(jsonb_build_array(CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_get_userbyid(a.grantee) END,
                        lower(a.privilege_type) || CASE WHEN a.is_grantable THEN ' with grant option' ELSE '' END) ORDER BY 1), '[]') FROM aclexplode(acl) a WHERE a.grantee <> owner) AS exploded
          FROM (SELECT relacl AS acl, relowner AS owner FROM pg_class WHERE relname = 't'
                UNION ALL SELECT acldefault('f', proowner), proowner FROM pg_proc WHERE proname = 'f') s`);
      expect(rows).toHaveLength(2);
      const sorted = (pairs: [string, string][]) => pairs.map((p) => p.join(' ')).sort();
      for (const row of rows) expect(sorted(aclPairs(row.acl, row.owner))).toEqual(sorted(row.exploded));
      expect(sorted(aclPairs(rows[0]!.acl, rows[0]!.owner))).toContain(`${roles[1]} update with grant option`);
    } finally {
      await t.drop();
      const { connect } = await import('../../src/db/index.js');
      const { adminUrl } = await import('../helpers/db.js');
      const admin = connect(adminUrl());
      for (const role of roles) await admin.exec(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
      await admin.close();
    }
  });
});
