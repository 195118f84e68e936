/**
 * Routing at scale, two figures:
 * 1. The assignment decision (assignNext: lock the team, take the head of
 *    the queue, choose a member, count their load, assign, record it) with
 *    10,000 conversations waiting, in process on SQLite (the default): p50
 *    and p99 over 1,000 decisions, each giving the head of the queue to one
 *    of 10 members (least busy), the queue staying over 10,000 throughout.
 *    Goal: p99 under 5 ms.
 * 2. Positions, over the wire: BENCH_QUEUE visitors (10,000 by default), each
 *    a real WebSocket connection from this process signed in as its own
 *    visitor, each with a conversation waiting in one team's queue; an
 *    operator takes the head by hand, and every other waiting visitor must
 *    be told their new place (one less). Latency from the take's request to
 *    each visitor's `queue` frame: p50, p99, max. Goal: p99 under 1 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { PROTOCOL_VERSION } from '@switchboard/protocol';
import { createApp } from '../packages/server/src/app.js';
import { loadConfig } from '../packages/server/src/config.js';
import { ensureFirstWorkspace } from '../packages/server/src/demo/bootstrap.js';
import { newId } from '../packages/server/src/ids.js';
import { assignNext } from '../packages/server/src/routing/assign-next.js';
import { connect, figure, inBatches, percentile, startSwitchboard } from './support.js';

const WAITING = Number(process.env.BENCH_WAITING ?? 10_000);
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 1000);
/** Decisions first made and not counted: the statement cache and the JIT warm up. */
const WARMUP = 300;
const POSITIONS = process.env.BENCH_POSITIONS !== '0';
const QUEUE = Number(process.env.BENCH_QUEUE ?? 10_000);
const PASSWORD = 'bench-password-routing';

async function decisions(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-routing-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent', SWITCHBOARD_ADMIN_PASSWORD: PASSWORD });
  const app = await createApp({ config });
  await ensureFirstWorkspace(app.ctx);
  const db = app.ctx.db;
  const ws = (await db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
  const inbox = (await db.selectFrom('inboxes').select('id').executeTakeFirstOrThrow()).id;
  const now = Date.now();
  const teamId = newId();
  await db
    .insertInto('teams')
    .values({
      id: teamId,
      workspace_id: ws,
      name: 'Support',
      created_at: now,
      updated_at: now,
      assignment_mode: 'least_busy',
      default_capacity: 1000,
      answer_seconds: null,
      last_assignee_id: null,
    })
    .execute();
  for (let i = 0; i < 10; i++) {
    const id = newId();
    await db
      .insertInto('operators')
      .values({
        id,
        workspace_id: ws,
        email: `op${i}@example.com`,
        name: `Operator ${i}`,
        role: 'operator',
        password_hash: null,
        status: 'online',
        invite_token_hash: null,
        invite_expires_at: null,
        disabled_at: null,
        created_at: now,
        last_seen_at: null,
        capacity: null,
        last_assigned_at: null,
      })
      .execute();
    await db.insertInto('team_members').values({ team_id: teamId, operator_id: id, workspace_id: ws, created_at: now }).execute();
  }
  const total = WAITING + DECISIONS + WARMUP;
  for (let i = 0; i < total; i += 500) {
    const rows = Array.from({ length: Math.min(500, total - i) }, (_, k) => {
      const visitorId = newId();
      return { visitorId, conversation: conversationRow(ws, inbox, visitorId, teamId, now - total + i + k, (i + k) % 4) };
    });
    await db
      .insertInto('visitors')
      .values(rows.map((r) => visitorRow(ws, inbox, r.visitorId, now)))
      .execute();
    await db
      .insertInto('conversations')
      .values(rows.map((r) => r.conversation))
      .execute();
  }

  const times: number[] = [];
  for (let i = 0; i < DECISIONS + WARMUP; i++) {
    const t = performance.now();
    const r = await assignNext(app.ctx, { workspaceId: ws, teamId, isOnline: () => true });
    if (i >= WARMUP) times.push(performance.now() - t);
    if (r.outcome !== 'assigned') throw new Error(`decision ${i}: ${r.outcome}`);
  }
  times.sort((a, b) => a - b);
  console.log(`\nAssignment decision, ${WAITING.toLocaleString('en-US')}+ conversations waiting, SQLite, ${DECISIONS} decisions (least busy, 10 members)`);
  figure('decision p50', `${percentile(times, 50).toFixed(2)} ms`, '', null);
  figure('decision p95', `${percentile(times, 95).toFixed(2)} ms`, '', null);
  figure('decision p99', `${percentile(times, 99).toFixed(2)} ms`, '< 5 ms', percentile(times, 99) < 5);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

function visitorRow(ws: string, inbox: string, id: string, now: number) {
  return {
    id,
    workspace_id: ws,
    inbox_id: inbox,
    token_hash: `bench-${id}`,
    contact_id: null,
    verified_contact_id: null,
    page_url: null,
    page_title: null,
    referrer: null,
    user_agent: null,
    time_zone: null,
    locale: null,
    created_at: now,
    last_seen_at: now,
  };
}

function conversationRow(ws: string, inbox: string, visitorId: string, teamId: string, at: number, priority: number) {
  return {
    id: newId(),
    workspace_id: ws,
    inbox_id: inbox,
    visitor_id: visitorId,
    contact_id: null,
    status: 'open',
    assignee_id: null,
    last_seq: 0,
    last_message_seq: null,
    last_message_at: null,
    last_message_preview: null,
    last_message_files: 0,
    last_author_kind: null,
    last_author_id: null,
    last_author_name: null,
    visitor_read_seq: 0,
    operator_read_seq: 0,
    unread_count: 0,
    labels: '[]',
    snoozed_until: null,
    merged_into: null,
    team_id: teamId,
    first_response_at: null,
    rating: null,
    rating_comment: null,
    rated_at: null,
    ended_at: null,
    awaiting_email_reply: 0,
    priority,
    queued_at: at,
    requeued: 0,
    assigned_at: null,
    created_at: at,
    updated_at: at,
    resolved_at: null,
  };
}

async function positions(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-routing-ws-'));
  const sb = await startSwitchboard({ DATA_DIR: dir, SWITCHBOARD_ADMIN_PASSWORD: PASSWORD });
  const call = async <T>(path: string, method = 'GET', body?: unknown, token?: string): Promise<T> => {
    const r = await fetch(`${sb.url}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  const { token } = await call<{ token: string }>('/auth/login', 'POST', { email: 'admin@example.com', password: PASSWORD });
  const inbox = (await call<{ items: { id: string; websiteKey: string }[] }>('/inboxes', 'GET', undefined, token)).items[0]!;
  // Manual: the queue only grows while the visitors arrive.
  const team = await call<{ id: string }>('/teams', 'POST', { name: 'Support', memberIds: [] }, token);
  await call(`/inboxes/${inbox.id}`, 'PATCH', { defaultTeamId: team.id }, token);

  console.log(`\nQueue positions: ${QUEUE.toLocaleString('en-US')} visitors waiting, each its own WebSocket connection; the head is taken`);
  const sessions = await inBatches(QUEUE, 50, () => call<{ visitorToken: string }>('/widget/session', 'POST', { websiteKey: inbox.websiteKey }));
  const latest = new Map<string, { position: number | null; at: number }>();
  const mine: string[] = new Array(QUEUE);
  const started = Date.now();
  const sockets: WebSocket[] = await inBatches(QUEUE, 100, async (i) => {
    let welcomed: () => void = () => {};
    let acked: (id: string) => void = () => {};
    const w = new Promise<void>((r) => (welcomed = r));
    const a = new Promise<string>((r) => (acked = r));
    const s = await connect(
      sb.wsUrl,
      (f) => {
        if (f.type === 'welcome') welcomed();
        else if (f.type === 'ack') acked(f.conversationId);
        else if (f.type === 'queue') latest.set(f.conversationId, { position: f.position, at: performance.now() });
      },
      ['welcome', 'ack', 'queue'],
    );
    s.send(
      JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'visitor', websiteKey: inbox.websiteKey, visitorToken: sessions[i]!.visitorToken } }),
    );
    await w;
    s.send(JSON.stringify({ type: 'send', clientId: `c${i}`, body: `Visitor ${i} waits` }));
    mine[i] = await a;
    return s;
  });
  console.log(`  (${QUEUE} visitors connected and waiting after ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const queue = await call<{ items: { conversation: { id: string }; position: number }[] }>(`/queue?limit=1`, 'GET', undefined, token);
  const head = queue.items[0]!.conversation.id;
  // Everyone has heard their place (the last burst of arrivals settles).
  const expected = new Map<string, number>();
  for (let tries = 0; ; tries++) {
    const all = (await call<{ items: { conversation: { id: string } }[] }>(`/queue?limit=500`, 'GET', undefined, token)).items;
    if (all.length >= Math.min(QUEUE, 500) && [...latest.values()].filter((v) => v.position !== null).length >= QUEUE) break;
    if (tries > 600) throw new Error('visitors were not all told their place');
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const [id, v] of latest) if (v.position !== null) expected.set(id, v.position - 1);
  const t0 = performance.now();
  await call(`/conversations/${head}/take`, 'POST', {}, token);
  const others = mine.filter((id) => id !== head);
  const deadline = Date.now() + 30_000;
  while (others.some((id) => latest.get(id)!.position !== expected.get(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const lat = others
    .filter((id) => latest.get(id)!.position === expected.get(id))
    .map((id) => latest.get(id)!.at - t0)
    .sort((a, b) => a - b);
  figure('visitors told their new place', `${lat.length} of ${others.length}`, 'all', lat.length === others.length);
  figure('new place shown p50', `${percentile(lat, 50).toFixed(0)} ms`, '', null);
  figure('new place shown p99', `${percentile(lat, 99).toFixed(0)} ms`, '< 1000 ms', percentile(lat, 99) < 1000);
  figure('new place shown max', `${(lat.at(-1) ?? NaN).toFixed(0)} ms`, '', null);
  for (const s of sockets) s.terminate();
  await sb.stop();
  rmSync(dir, { recursive: true, force: true });
}

await decisions();
if (POSITIONS) await positions();
process.exit(0);
