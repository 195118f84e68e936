import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer.js';
import { openDatabase } from './database.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
  for (let i = 0; i < 40 && statSync(file).size < 1_000_000; i++) await sleep(100);
  expect(statSync(file).size).toBeGreaterThan(1_000_000);
  await handle.close();
  // Closing truncates the log.
  expect(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0).toBe(true);
  rmSync(dir, { recursive: true, force: true });
});

it('starts the log over under steady writes, so it does not grow without end', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-ckpt-'));
  const file = join(dir, 'db.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.exec('create table t (x text)');
  const checkpointer = startCheckpointer(
    sqlite,
    file,
    (err) => {
      throw err;
    },
    { everyMs: 20, restartAfterFrames: 200 },
  );
  const insert = sqlite.prepare('insert into t values (?)');
  // One small transaction every millisecond or so, never pausing for the checkpointer.
  let frames = 0;
  const until = Date.now() + 1500;
  while (Date.now() < until) {
    insert.run('y'.repeat(3000));
    frames++;
    await sleep(1);
  }
  const written = frames * 4096;
  const wal = statSync(`${file}-wal`).size;
  expect(written).toBeGreaterThan(2_000_000);
  // Without starting over, the log would hold every frame written.
  expect(wal).toBeLessThan(written / 2);
  await checkpointer.stop();
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});
