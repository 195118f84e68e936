import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type SQLite from 'better-sqlite3';
import { expect, it } from 'vitest';
import { openDatabase } from './database.js';

it('checkpoints the write-ahead log in the background, never on the writing connection', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-ckpt-'));
  const file = join(dir, 'db.sqlite');
  const handle = await openDatabase({ kind: 'sqlite', file });
  const sqlite = handle.sqlite as SQLite.Database;
  expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
  sqlite.exec('create table t (x text)');
  const insert = sqlite.prepare('insert into t values (?)');
  for (let i = 0; i < 5000; i++) insert.run('x'.repeat(200));
  // Until a checkpoint the rows live only in the log; the database file grows when one runs.
  expect(statSync(file).size).toBeLessThan(100_000);
  for (let i = 0; i < 40 && statSync(file).size < 1_000_000; i++) await new Promise((r) => setTimeout(r, 100));
  expect(statSync(file).size).toBeGreaterThan(1_000_000);
  await handle.close();
  // Closing truncates the log.
  expect(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0).toBe(true);
  rmSync(dir, { recursive: true, force: true });
});
