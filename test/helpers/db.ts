/** Each test gets its own database on the suite's server, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { connect, type Db } from '../../src/db/index.js';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly db: Db;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  return inject('adminUrl');
}

export function serverMajor(): number {
  return inject('serverMajor');
}

/** The admin URL pointed at another database name. */
export function urlForDatabase(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

export async function freshDatabase(prefix = 't', base: string = adminUrl()): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = connect(base);
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = urlForDatabase(base, name);
  const db = connect(url, { max: 2 });
  return {
    name,
    url,
    db,
    drop: async () => {
      await db.close();
      const dropper = connect(base);
      try {
        await dropper.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.close();
      }
    },
  };
}

/** A plain login role on the suite's server (roles are cluster-wide, so its name is unique); `drop` removes it. */
export async function loginRole(prefix: string): Promise<{ readonly name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const run = async (sql: string): Promise<void> => {
    const admin = connect(adminUrl());
    try {
      await admin.exec(sql);
    } finally {
      await admin.close();
    }
  };
  await run(`CREATE ROLE ${name} LOGIN NOSUPERUSER`);
  return { name, drop: () => run(`DROP ROLE IF EXISTS ${name}`) };
}
