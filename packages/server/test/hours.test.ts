/**
 * Business hours and shifts over the API, on the one clock: refused
 * schedules say why with codes; a shift's end and start are durable jobs
 * (an operator past their shift end is off shift, and their next shift start
 * emits `schedule.opened`); a team's hours closing and opening switch its
 * inbox's widgets live over the WebSocket; the Team overview says who is on
 * shift and who is next.
 */
import type { DomainEvent } from '../src/events/events.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, visitorClient } from '../../../test/support/clients.js';
import { setInboxTeam } from '../../../test/support/inbox-team.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { ManualClock } from '../src/clock.js';
import { shiftTransitionKey, teamTransitionKey } from '../src/hours/transitions.js';
import { offShiftOperatorIds, teamIsOpen } from '../src/hours/schedule.js';

const HOUR = 3600_000;
// Monday 4 January 2027, 08:00 UTC.
const clock = new ManualClock(Date.UTC(2027, 0, 4, 8, 0));
let s: TestServer;
let token: string;
let workspaceId: string;
let inboxId: string;
const events: DomainEvent[] = [];
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  token = await login(s.url);
  const me = await api<{ id: string; workspaceId: string }>(s.url, '/api/v1/auth/me', { token });
  workspaceId = (await s.app.ctx.db.selectFrom('operators').select('workspace_id').where('id', '=', me.body.id).executeTakeFirstOrThrow()).workspace_id;
  inboxId = (await s.app.ctx.db.selectFrom('inboxes').select('id').executeTakeFirstOrThrow()).id;
  for (const type of ['schedule.opened', 'schedule.changed'] as const) s.app.ctx.events.on(type, (e) => void events.push(e));
});
afterAll(() => s.close());

async function passTime(ms: number): Promise<void> {
  await clock.advance(ms);
  await s.app.ctx.jobs.runDue();
}

async function newOperator(name: string): Promise<string> {
  const r = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', {
    token,
    body: { email: `${name.toLowerCase()}-${Math.random().toString(36).slice(2)}@example.com`, name },
  });
  return r.body.operator.id;
}

async function newTeam(memberIds: string[] = []): Promise<string> {
  return (await api<{ id: string }>(s.url, '/api/v1/teams', { token, body: { name: `Team ${Math.random().toString(36).slice(2)}`, memberIds } })).body.id;
}

describe('schedules refused', () => {
  it('names each refused field with a code', async () => {
    const teamId = await newTeam();
    const r = await api<{ error: { code: string; details: { path: string; code: string }[] } }>(s.url, `/api/v1/teams/${teamId}/hours`, {
      method: 'PUT',
      token,
      body: {
        timeZone: 'Europe/Atlantis',
        weekly: [
          { day: 1, start: '09:00', end: '12:00' },
          { day: 1, start: '11:00', end: '13:00' },
        ],
        holidays: [{ date: '2027-02-30' }],
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.details.map((d) => [d.path, d.code])).toEqual([
      ['timeZone', 'invalid_time_zone'],
      ['weekly.1', 'overlapping_intervals'],
      ['holidays.0.date', 'invalid_date'],
    ]);
    const end = await api<{ error: { details: { code: string }[] } }>(s.url, `/api/v1/operators/${await newOperator('Ends')}/shifts`, {
      method: 'PUT',
      token,
      body: { timeZone: 'UTC', weekly: [{ day: 2, start: '22:00', end: '06:00' }] },
    });
    expect(end.body.error.details.map((d) => d.code)).toEqual(['end_before_start']);
  });
});

describe('shifts', () => {
  it('a shift end puts the operator off shift; the next start emits schedule.opened', async () => {
    const olivia = await newOperator('Olivia');
    const always = await newOperator('Always');
    // Monday 08:00 UTC = 09:00 in Paris: on shift until 17:00 Paris (16:00 UTC).
    const put = await api<{ onShift: boolean; nextChangeAt: number }>(s.url, `/api/v1/operators/${olivia}/shifts`, {
      method: 'PUT',
      token,
      body: { timeZone: 'Europe/Paris', weekly: weekdays('09:00', '17:00'), exceptions: [{ date: '2027-01-05', off: true }] },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ onShift: true, nextChangeAt: Date.UTC(2027, 0, 4, 16, 0) });
    expect((await s.app.ctx.jobs.get(shiftTransitionKey(olivia)))?.run_at).toBe(Date.UTC(2027, 0, 4, 16, 0));
    expect(await offShiftOperatorIds(s.app.ctx.db, workspaceId, [olivia, always], clock.now())).toEqual(new Set());

    await passTime(8 * HOUR);
    // Monday 16:00 UTC: the shift ended. (Routing skips her for new conversations; hers stay hers.)
    expect(await offShiftOperatorIds(s.app.ctx.db, workspaceId, [olivia, always], clock.now())).toEqual(new Set([olivia]));

    // Tuesday is a day off: the next start is Wednesday 09:00 Paris.
    expect((await s.app.ctx.jobs.get(shiftTransitionKey(olivia)))?.run_at).toBe(Date.UTC(2027, 0, 6, 8, 0));
    events.length = 0;
    await passTime(Date.UTC(2027, 0, 6, 8, 0) - clock.now());
    expect(await offShiftOperatorIds(s.app.ctx.db, workspaceId, [olivia], clock.now())).toEqual(new Set());
    expect(events).toContainEqual({ type: 'schedule.opened', workspaceId, teamId: null, operatorId: olivia });
    // One pending job per operator, at the next end.
    expect((await s.app.ctx.jobs.get(shiftTransitionKey(olivia)))?.run_at).toBe(Date.UTC(2027, 0, 6, 16, 0));

    // No schedule: always on shift, and no job.
    expect((await api(s.url, `/api/v1/operators/${olivia}/shifts`, { method: 'DELETE', token })).status).toBe(204);
    expect((await s.app.ctx.jobs.get(shiftTransitionKey(olivia)))?.status).toBe('cancelled');
  });
});

describe('shifts and routing', () => {
  it('a shift end stops new assignments; the shift start hands her what waits', async () => {
    // Wednesday 6 January 2027, 08:00 UTC (where the test above left the clock, or later in the week).
    await passTime(Math.max(0, Date.UTC(2027, 0, 6, 8, 0) - clock.now()));
    const password = 'lantern-orchard-basalt';
    const email = `priya-${Math.random().toString(36).slice(2)}@example.com`;
    const priya = (await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', { token, body: { email, name: 'Priya', password } })).body.operator.id;
    const shifts = await api(s.url, `/api/v1/operators/${priya}/shifts`, {
      method: 'PUT',
      token,
      body: { timeZone: 'UTC', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '08:00', end: '09:00' })) },
    });
    expect(shifts.status).toBe(200);
    const opc = operatorClient(s.wsUrl, await login(s.url, { email, password }));
    await opc.waitFor('welcome');
    const teamId = await newTeam([priya]);
    expect((await api(s.url, `/api/v1/teams/${teamId}/routing`, { method: 'PATCH', token, body: { mode: 'least_busy', defaultCapacity: 2 } })).status).toBe(
      200,
    );
    expect((await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token, body: { defaultTeamId: teamId } })).status).toBe(200);
    const assignee = async (id: string) => (await api<{ assigneeId: string | null }>(s.url, `/api/v1/conversations/${id}`, { token })).body.assigneeId;
    const visitorWrites = async (body: string) => {
      const v = await newVisitor(s.url, s.websiteKey);
      const client = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
      await client.waitFor('welcome');
      const { conversationId } = await client.client.send({ body });
      return { client, conversationId };
    };
    try {
      // On shift: a new conversation is hers at once.
      const during = await visitorWrites('On shift');
      await expect.poll(() => assignee(during.conversationId)).toBe(priya);
      during.client.close();

      // 09:00: her shift ended. A new conversation waits in the queue; hers stays hers.
      await passTime(HOUR);
      expect(await offShiftOperatorIds(s.app.ctx.db, workspaceId, [priya], clock.now())).toEqual(new Set([priya]));
      const after = await visitorWrites('After her shift');
      await after.client.waitFor('queue', (f) => f.conversationId === after.conversationId && f.position === 1);
      expect(await assignee(after.conversationId)).toBeNull();
      expect(await assignee(during.conversationId)).toBe(priya);

      // Thursday 07:59: back at her desk (idle all night she showed away), still off shift: nothing is hers yet.
      await passTime(Date.UTC(2027, 0, 7, 7, 59) - clock.now());
      opc.client.sendVolatile({ type: 'activity', ref: 'back' });
      await opc.waitFor('presence', (f) => f.operatorId === priya && f.status === 'online');
      expect(await assignee(after.conversationId)).toBeNull();
      // 08:00: her shift starts (a durable job), and the head of the queue is hers.
      await passTime(60_000);
      await expect.poll(() => assignee(after.conversationId)).toBe(priya);
      await after.client.waitFor('queue', (f) => f.conversationId === after.conversationId && f.position === null);
      after.client.close();
    } finally {
      opc.close();
      await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token, body: { defaultTeamId: null } });
      await api(s.url, `/api/v1/operators/${priya}/shifts`, { method: 'DELETE', token });
    }
  });
});

describe('team hours and the widget', () => {
  it('switch the inbox widget’s availability live at the closing and the opening', async () => {
    const teamId = await newTeam();
    await setInboxTeam(s.app.ctx.db, inboxId, teamId);
    const console = operatorClient(s.wsUrl, token);
    await console.waitFor('welcome');
    const v = await newVisitor(s.url, s.websiteKey);
    const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await visitor.waitFor('availability', (f) => f.available);

    // Open now (08:00 UTC) until 17:30 UTC today.
    const start = clock.now();
    const dayStart = start - (start % (24 * HOUR));
    const closesAt = dayStart + 17.5 * HOUR;
    const put = await api<{ open: boolean; nextChangeAt: number }>(s.url, `/api/v1/teams/${teamId}/hours`, {
      method: 'PUT',
      token,
      body: { timeZone: 'UTC', weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '06:00', end: '17:30' })), holidays: [] },
    });
    expect(put.body).toMatchObject({ open: true, nextChangeAt: closesAt });
    expect(await teamIsOpen(s.app.ctx.db, workspaceId, teamId, clock.now())).toBe(true);

    await passTime(closesAt - clock.now());
    const closed = await visitor.waitFor('availability', (f) => f.closed === true);
    expect(closed).toEqual({ type: 'availability', available: false, closed: true, opensAt: dayStart + 30 * HOUR, timeZone: 'UTC' });
    expect(await teamIsOpen(s.app.ctx.db, workspaceId, teamId, clock.now())).toBe(false);
    // A visitor arriving now hears it at once, and the session answer says it too.
    const late = await newVisitor(s.url, s.websiteKey);
    const lateClient = visitorClient(s.wsUrl, s.websiteKey, late.visitorToken);
    expect(await lateClient.waitFor('availability')).toMatchObject({ available: false, closed: true });
    const session = await api<{ inbox: { forms: { available: boolean; closed?: boolean; opensAt?: number } } }>(s.url, '/api/v1/widget/session', {
      body: { websiteKey: s.websiteKey, visitorToken: late.visitorToken },
    });
    expect(session.body.inbox.forms).toMatchObject({ available: false, closed: true, opensAt: dayStart + 30 * HOUR });

    const framesBefore = visitor.frames.length;
    events.length = 0;
    await passTime(dayStart + 30 * HOUR - clock.now());
    // Open again: no longer closed (whether it is available also depends on the console, away after hours idle on this clock).
    const opened = await visitor.waitFor('availability', (f) => !f.closed && visitor.frames.indexOf(f) >= framesBefore);
    expect(opened.opensAt).toBeUndefined();
    expect(events).toContainEqual({ type: 'schedule.opened', workspaceId, teamId, operatorId: null });
    await console.waitFor('schedule', (f) => f.teamId === teamId);
    expect((await s.app.ctx.jobs.get(teamTransitionKey(teamId)))?.run_at).toBe(dayStart + 41.5 * HOUR);

    visitor.close();
    lateClient.close();
    console.close();
    await setInboxTeam(s.app.ctx.db, inboxId, null);
  });
});

describe('shifts and the widget', () => {
  it('an operator online but off shift leaves the widget unavailable until their shift starts', async () => {
    const me = (await api<{ id: string }>(s.url, '/api/v1/auth/me', { token })).body.id;
    const now = clock.now();
    const minute = Math.floor((now % (24 * HOUR)) / 60_000);
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    expect(minute + 60).toBeLessThanOrEqual(1440);
    // The only operator online starts their shift in a minute.
    const week = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: hhmm(minute + 1), end: hhmm(minute + 60) }));
    await api(s.url, `/api/v1/operators/${me}/shifts`, { method: 'PUT', token, body: { timeZone: 'UTC', weekly: week } });
    const console = operatorClient(s.wsUrl, token);
    await console.waitFor('welcome');
    // Back from the automatic away of the hours idle before.
    console.client.sendVolatile({ type: 'presence', status: 'online' });
    await console.waitFor('presence', (f) => f.operatorId === me && f.status === 'online');
    const v = await newVisitor(s.url, s.websiteKey);
    const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    expect(await visitor.waitFor('availability')).toEqual({ type: 'availability', available: false });

    await passTime(60_000);
    await visitor.waitFor('availability', (f) => f.available);
    visitor.close();
    console.close();
    await api(s.url, `/api/v1/operators/${me}/shifts`, { method: 'DELETE', token });
  });
});

describe('Team overview', () => {
  it('says who is on shift now and who is next', async () => {
    const on = await newOperator('Nadia');
    const next = await newOperator('Omar');
    const teamId = await newTeam([on, next]);
    const now = clock.now();
    const dayStart = now - (now % (24 * HOUR));
    const hour = Math.floor((now - dayStart) / HOUR);
    const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
    const all = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start, end }));
    await api(s.url, `/api/v1/operators/${on}/shifts`, { method: 'PUT', token, body: { timeZone: 'UTC', weekly: all(hh(hour), hh(hour + 2)) } });
    await api(s.url, `/api/v1/operators/${next}/shifts`, { method: 'PUT', token, body: { timeZone: 'UTC', weekly: all(hh(hour + 3), hh(hour + 5)) } });
    const r = await api<{ teams: { id: string; onShift: { operatorId: string; until: number }[]; next: { operatorId: string; at: number }[] }[] }>(
      s.url,
      '/api/v1/team-overview',
      { token },
    );
    const team = r.body.teams.find((t) => t.id === teamId)!;
    expect(team.onShift).toEqual([{ operatorId: on, until: dayStart + (hour + 2) * HOUR }]);
    expect(team.next).toEqual([{ operatorId: next, at: dayStart + (hour + 3) * HOUR }]);
  });
});
