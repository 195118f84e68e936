/**
 * PostgreSQL and Redis for the contract and scale-out suites: used when
 * reachable, required when SWITCHBOARD_TEST_REQUIRE_SERVICES=1 (CI). Each test
 * run gets its own PostgreSQL schema and Redis key prefix.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';

export const PG_URL = process.env.SWITCHBOARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.SWITCHBOARD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const required = process.env.SWITCHBOARD_TEST_REQUIRE_SERVICES === '1';

function reachable(url: string, fallbackPort: number): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || fallbackPort) });
    s.setTimeout(1000);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

async function check(name: string, url: string, port: number): Promise<boolean> {
  const ok = await reachable(url, port);
  if (!ok && required) throw new Error(`${name} at ${url} is required (SWITCHBOARD_TEST_REQUIRE_SERVICES=1) but not reachable`);
  return ok;
}

export const hasPostgres = await check('PostgreSQL', PG_URL, 5432);
export const hasRedis = await check('Redis', REDIS_URL, 6379);

export const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

/** A fresh schema; drop it with the returned function. */
export async function createPgSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = uniqueName('sbtest');
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    schema,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}
