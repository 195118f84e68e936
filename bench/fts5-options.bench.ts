/**
 * What indexing a message in SQLite FTS5 costs, and whether FTS5's options
 * make it cheaper: CPU time to insert N messages (BENCH_FTS_MESSAGES,
 * default 100,000) in transactions of BENCH_FTS_BATCH (default 100, as a
 * group commit under load) into a table like `messages` with 0033's trigger,
 * for each option against none, three rounds interleaved (CPU time, not wall
 * time, so that other processes on the machine disturb it less), and the
 * time of a common-word query ranked by bm25 over the newest 1,000 matches.
 */
import Database from 'better-sqlite3';
import { figure } from './support.js';

const N = Number(process.env.BENCH_FTS_MESSAGES ?? 100_000);
const BATCH = Number(process.env.BENCH_FTS_BATCH ?? 100);
const CONFIGS: Record<string, { options: string; after?: string[] } | null> = {
  'no index': null,
  '0033 (defaults)': { options: '' },
  "detail='column'": { options: ", detail='column'" },
  'columnsize=0': { options: ', columnsize=0' },
  'automerge 16, crisismerge 64': {
    options: '',
    after: ["insert into messages_fts(messages_fts, rank) values('automerge', 16)", "insert into messages_fts(messages_fts, rank) values('crisismerge', 64)"],
  },
};

function run(config: (typeof CONFIGS)[string]): { perCpuSecond: number; queryMs: number | null } {
  const db = new Database(':memory:');
  db.exec('create table messages (id text primary key, conversation_id text, body text, created_at integer)');
  if (config) {
    db.exec(
      `create virtual table messages_fts using fts5(body, content='messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0'${config.options})`,
    );
    for (const s of config.after ?? []) db.exec(s);
    db.exec(
      "create trigger messages_fts_insert after insert on messages when new.body <> '' begin insert into messages_fts(rowid, body) values (new.rowid, new.body); end",
    );
  }
  const insert = db.prepare('insert into messages values (?, ?, ?, ?)');
  const write = db.transaction((rows: [string, string, string, number][]) => {
    for (const r of rows) insert.run(r);
  });
  const cpu = process.cpuUsage();
  for (let i = 0; i < N; i += BATCH) {
    const rows: [string, string, string, number][] = [];
    for (let j = i; j < Math.min(N, i + BATCH); j++) rows.push([`m${j}`, `c${j % 500}`, `Message number ${j}, about an order`, j]);
    write(rows);
  }
  const used = process.cpuUsage(cpu);
  const perCpuSecond = N / ((used.user + used.system) / 1e6);
  let queryMs: number | null = null;
  if (config) {
    const q = db.prepare(
      'select m.id, bm25(messages_fts) as s from messages_fts join messages m on m.rowid = messages_fts.rowid where messages_fts match ? order by messages_fts.rowid desc limit 1000',
    );
    const t = performance.now();
    for (let k = 0; k < 20; k++) q.all('"order"*');
    queryMs = (performance.now() - t) / 20;
  }
  db.close();
  return { perCpuSecond, queryMs };
}

const results: Record<string, { perCpuSecond: number[]; queryMs: number[] }> = {};
for (let round = 0; round < 3; round++) {
  for (const [name, config] of Object.entries(CONFIGS)) {
    const r = run(config);
    results[name] ??= { perCpuSecond: [], queryMs: [] };
    results[name].perCpuSecond.push(r.perCpuSecond);
    if (r.queryMs !== null) results[name].queryMs.push(r.queryMs);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
console.log(`\nFTS5 options: ${N} messages in transactions of ${BATCH}, median of 3 rounds`);
for (const [name, r] of Object.entries(results)) {
  const q = r.queryMs.length ? `, query ${median(r.queryMs).toFixed(1)} ms` : '';
  figure(name, `${Math.round(median(r.perCpuSecond))} per CPU-s${q}`, 'cheaper than 0033', null);
}
