/**
 * Shifts and business hours as routing asks them: p50/p99 of
 * offShiftOperatorIds for the 10 operators of a team (one indexed read of
 * their schedules, answers kept until each one's next change) and of
 * teamIsOpen, over SQLite, in a workspace of 200 operators with shifts in
 * several time zones. Also the cold cost of working out one schedule's next
 * change (what the first question after a save or a transition pays).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, loadConfig } from '../packages/server/src/index.js';
import { saveOperatorShifts, saveTeamHours } from '../packages/server/src/hours/hours.repository.js';
import { offShiftOperatorIds, teamIsOpen } from '../packages/server/src/hours/schedule.js';
import { nextChange } from '../packages/server/src/hours/weekly.js';
import { newId } from '../packages/server/src/ids.js';
import { insertNewOperator } from '../packages/server/src/operator/operator.service.js';
import { createWorkspace } from '../packages/server/src/workspace/workspace.service.js';
import { figure, percentile } from './support.js';

const OPERATORS = 200;
const ASKS = 5000;
const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'UTC'];
const week = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

const dir = mkdtempSync(join(tmpdir(), 'sb-hours-bench-'));
const app = await createApp({ config: loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, LOG_LEVEL: 'silent' }) });
const ctx = app.ctx;
const ws = await createWorkspace(ctx, {
  name: 'Bench',
  ownerEmail: 'bench@example.com',
  ownerName: 'Bench',
  ownerPassword: 'bench-password-9',
  inboxName: 'Web',
});
const ids: string[] = [];
for (let i = 0; i < OPERATORS; i++) {
  const { operator } = await insertNewOperator(ctx, ws.workspaceId, {
    email: `op${i}@example.com`,
    name: `Op ${i}`,
    role: 'operator',
    password: 'bench-password-9',
  });
  ids.push(operator.id);
  const h = 6 + (i % 12);
  await saveOperatorShifts(ctx.db, {
    operatorId: operator.id,
    workspaceId: ws.workspaceId,
    timeZone: ZONES[i % ZONES.length]!,
    weekly: [
      ...week(`${String(h).padStart(2, '0')}:00`, `${String(h + 4).padStart(2, '0')}:00`),
      ...week(`${String(h + 5).padStart(2, '0')}:00`, `${String(h + 8).padStart(2, '0')}:30`),
    ],
    exceptions: [{ date: '2027-12-25', off: true, intervals: [] }],
    updatedAt: Date.now(),
  });
}
const now = Date.now();
const teamId = newId();
await ctx.db.insertInto('teams').values({ id: teamId, workspace_id: ws.workspaceId, name: 'Support', created_at: now, updated_at: now }).execute();
await saveTeamHours(ctx.db, {
  teamId,
  workspaceId: ws.workspaceId,
  timeZone: 'Europe/Paris',
  weekly: [...week('09:00', '12:00'), ...week('13:00', '17:30')],
  holidays: [{ date: '2027-12-25', name: 'Christmas' }],
  updatedAt: now,
});

const cold: number[] = [];
for (let i = 0; i < 500; i++) {
  const s = { timeZone: ZONES[i % ZONES.length]!, weekly: [...week('09:00', '12:00'), ...week('13:00', '17:30')], closedDates: [], extra: [] };
  const t = performance.now();
  nextChange(s, now + i * 997_000);
  cold.push(performance.now() - t);
}
const off: number[] = [];
const open: number[] = [];
for (let i = 0; i < ASKS + 500; i++) {
  const team = ids.slice((i * 10) % OPERATORS, ((i * 10) % OPERATORS) + 10);
  let t = performance.now();
  await offShiftOperatorIds(ctx.db, ws.workspaceId, team, Date.now());
  const a = performance.now() - t;
  t = performance.now();
  await teamIsOpen(ctx.db, ws.workspaceId, teamId, Date.now());
  const b = performance.now() - t;
  if (i >= 500) {
    off.push(a);
    open.push(b);
  }
}
for (const l of [cold, off, open]) l.sort((x, y) => x - y);
console.log(`shifts and hours: ${OPERATORS} operators with shifts in ${ZONES.length} zones, ${ASKS} questions of 10 operators`);
figure('offShiftOperatorIds (10 operators) p50', `${percentile(off, 50).toFixed(3)} ms`, '', null);
figure('offShiftOperatorIds (10 operators) p99', `${percentile(off, 99).toFixed(3)} ms`, 'well under 5 ms (the assignment decision)', percentile(off, 99) < 1);
figure('teamIsOpen p99', `${percentile(open, 99).toFixed(3)} ms`, '', null);
figure('next change of one schedule, cold, p50 / p99', `${percentile(cold, 50).toFixed(3)} / ${percentile(cold, 99).toFixed(3)} ms`, '', null);
figure('load average while measuring', loadavg()[0]!.toFixed(2), `${availableParallelism()} cores`, null);
await app.close();
rmSync(dir, { recursive: true, force: true });
