import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('runs on SQLite and in-process pub/sub by default', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ kind: 'sqlite', file: './data/switchboard.db', synchronous: 'NORMAL' });
    expect(c.redis).toBeNull();
    expect(c.port).toBe(3000);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('switches to PostgreSQL and Redis from their URLs', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', DATABASE_SCHEMA: 'sb', REDIS_URL: 'redis://h:6379' });
    expect(c.database).toMatchObject({ kind: 'postgres', url: 'postgres://u@h:5432/db', schema: 'sb' });
    expect(c.redis).toEqual({ url: 'redis://h:6379', prefix: 'sb:' });
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SWITCHBOARD_ADMIN_PASSWORD: 'short' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/SWITCHBOARD_ADMIN_PASSWORD/);
    }
  });

  it('takes a 32-byte secret key as hex or base64, and refuses anything else without echoing it', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ SWITCHBOARD_SECRET_KEY: hex }).secretKey).toEqual(Buffer.from(hex, 'hex'));
    const b64 = Buffer.alloc(32, 9).toString('base64');
    expect(loadConfig({ SWITCHBOARD_SECRET_KEY: b64 }).secretKey).toEqual(Buffer.alloc(32, 9));
    expect(loadConfig({}).secretKey).toBeNull();
    const err = (() => {
      try {
        loadConfig({ SWITCHBOARD_SECRET_KEY: 'too-short-secret' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err?.problems.join('\n')).toMatch(/SWITCHBOARD_SECRET_KEY: must be 32 bytes/);
    expect(err?.message).not.toContain('too-short-secret');
  });

  it('keeps the test-only settings out of production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SWITCHBOARD_TEST_CLOCK_OFFSET_MS: '3600000' })).toThrow(/never in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', SWITCHBOARD_TEST_JOBS: '1' })).toThrow(/never in production/);
    expect(loadConfig({ NODE_ENV: 'test', SWITCHBOARD_TEST_CLOCK_OFFSET_MS: '3600000' }).testClockOffsetMs).toBe(3600_000);
  });

  it('documents every setting in .env.example', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8');
    const names = [...source.matchAll(/^\s{2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(15);
    for (const n of names) expect(example, `${n} is not in .env.example`).toMatch(new RegExp(`^#? ?${n}=`, 'm'));
  });
});
