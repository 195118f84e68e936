/**
 * Canned response search on the server: p50/p99 of one search (what
 * GET /api/v1/canned-responses?q= runs, without the HTTP round trip) in a
 * workspace of 5,000 canned responses (personal, team and workspace ones),
 * with shortcut prefixes, words, typos and phrases. Also the time to build
 * the workspace's index, which the first search after a change pays.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, loadConfig } from '../packages/server/src/index.js';
import { CannedSearch } from '../packages/server/src/canned/canned-search.js';
import { searchCannedFor } from '../packages/server/src/canned/canned.service.js';
import { newId } from '../packages/server/src/ids.js';
import { insertNewOperator } from '../packages/server/src/operator/operator.service.js';
import { createWorkspace } from '../packages/server/src/workspace/workspace.service.js';
import { figure, percentile } from './support.js';

const RESPONSES = Number(process.env.BENCH_CANNED ?? 5000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 5000);

const WORDS =
  'order refund return parcel delivery shipping invoice payment card warranty size exchange tent jacket boots discount coupon account password address tracking label store pickup battery charger repair damaged missing late express international customs voucher gift subscription cancel'.split(
    ' ',
  );
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = () => WORDS[Math.floor(rand() * WORDS.length)]!;
const sentence = (n: number) => Array.from({ length: n }, pick).join(' ');

const dir = mkdtempSync(join(tmpdir(), 'sb-canned-bench-'));
const app = await createApp({ config: loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, LOG_LEVEL: 'silent' }) });
const ctx = app.ctx;
const ws = await createWorkspace(ctx, {
  name: 'Bench',
  ownerEmail: 'bench@example.com',
  ownerName: 'Bench',
  ownerPassword: 'bench-password-9',
  inboxName: 'Web',
});
const operators = [ws.owner];
for (let i = 0; i < 20; i++) {
  operators.push(
    (await insertNewOperator(ctx, ws.workspaceId, { email: `op${i}@example.com`, name: `Op ${i}`, role: 'operator', password: 'bench-password-9' })).operator,
  );
}
const now = Date.now();
const teams = Array.from({ length: 5 }, (_, i) => ({ id: newId(), workspace_id: ws.workspaceId, name: `Team ${i}`, created_at: now, updated_at: now }));
await ctx.db.insertInto('teams').values(teams).execute();
await ctx.db
  .insertInto('team_members')
  .values(operators.map((o, i) => ({ team_id: teams[i % teams.length]!.id, operator_id: o.id, workspace_id: ws.workspaceId, created_at: now })))
  .execute();
const rows = Array.from({ length: RESPONSES }, (_, i) => {
  const scope = i % 5 === 0 ? 'workspace' : i % 5 === 1 ? 'team' : 'personal';
  return {
    id: newId(),
    workspace_id: ws.workspaceId,
    scope,
    owner_id: scope === 'personal' ? operators[i % operators.length]!.id : null,
    team_id: scope === 'team' ? teams[i % teams.length]!.id : null,
    shortcut: `${pick()}-${i}`,
    title: sentence(3),
    body: `${sentence(25)}. Thanks {{contact.first_name | there}}!`,
    created_by: ws.owner.id,
    created_at: now + i,
    updated_at: now + i,
  };
});
for (let i = 0; i < rows.length; i += 500)
  await ctx.db
    .insertInto('canned_responses')
    .values(rows.slice(i, i + 500))
    .execute();

const search = new CannedSearch(ctx);
await search.start();
const t0 = performance.now();
await search.entry(ws.workspaceId);
const buildMs = performance.now() - t0;

const queries = ['/ret', 're', 'refund', 'refnud', 'parcel delivery', 'warrenty', 'tracking label', 'order-1', 'exchnage size', 'x', 'boots', 'intern'];
const times: number[] = [];
let found = 0;
for (let i = 0; i < SEARCHES + 500; i++) {
  const actor = operators[i % operators.length]!;
  const q = queries[i % queries.length]!;
  const start = performance.now();
  const items = await searchCannedFor(search, actor, q, 10);
  const ms = performance.now() - start;
  if (i >= 500) {
    times.push(ms);
    found += items.length;
  }
}
times.sort((a, b) => a - b);
const p99 = percentile(times, 99);
console.log(`canned response search: ${RESPONSES} responses, ${SEARCHES} searches, ${(found / SEARCHES).toFixed(1)} results each on average`);
figure('search p50', `${percentile(times, 50).toFixed(3)} ms`, '', null);
figure('search p99', `${p99.toFixed(3)} ms`, 'under 2 ms', p99 < 2);
// On a shared machine the tail includes time the process waited for a core: the load says how busy it was.
figure('load average while measuring', loadavg()[0]!.toFixed(2), `${availableParallelism()} cores`, null);
figure('index build (first search after a change)', `${buildMs.toFixed(0)} ms`, '', null);
await search.stop();
await app.close();
rmSync(dir, { recursive: true, force: true });
