import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SideWriter, startSideWriter } from './side-writer.js';

let dir: string;
let main: SQLite.Database;
let side: SideWriter;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-side-'));
  main = new SQLite(join(dir, 'db.sqlite'));
  main.pragma('journal_mode = WAL');
  main.exec('create table scores (id text primary key, n integer not null)');
  side = startSideWriter(join(dir, 'db.sqlite'));
});
afterEach(async () => {
  await side.stop();
  main.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = () => main.prepare('select id, n from scores order by id').all();

describe('the side writer', () => {
  it('runs a batch in its own connection, in one transaction, and the main connection reads it once committed', async () => {
    await side.run([
      ['insert into scores (id, n) values (?, ?)', ['a', 1]],
      ['insert into scores (id, n) values (?, ?)', ['b', 2]],
      ['update scores set n = n + ? where id = ?', [10, 'a']],
    ]);
    expect(rows()).toEqual([
      { id: 'a', n: 11 },
      { id: 'b', n: 2 },
    ]);
  });

  it('stores nothing of a batch with a failing statement, says why, and goes on with the next', async () => {
    await side.run([['insert into scores (id, n) values (?, ?)', ['a', 1]]]);
    await expect(
      side.run([
        ['insert into scores (id, n) values (?, ?)', ['b', 2]],
        ['insert into scores (id, n) values (?, ?)', ['a', 3]],
      ]),
    ).rejects.toThrow(/side write failed: UNIQUE constraint failed/);
    expect(rows()).toEqual([{ id: 'a', n: 1 }]);
    await side.run([['insert into scores (id, n) values (?, ?)', ['c', 4]]]);
    expect(rows()).toEqual([
      { id: 'a', n: 1 },
      { id: 'c', n: 4 },
    ]);
  });

  it('commits batches in the order they were handed over, and stops only after them', async () => {
    const done = Array.from({ length: 20 }, (_, i) => side.run([['insert into scores (id, n) values (?, ?)', [`k${String(i).padStart(2, '0')}`, i]]]));
    await side.stop();
    await Promise.all(done);
    expect(rows()).toHaveLength(20);
  });
});
