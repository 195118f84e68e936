/**
 * The permission table of the socket frames: every client frame × every role
 * × a conversation of their own team, of another team and of another
 * workspace (policy/visibility.ts). A frame about a conversation out of scope
 * is refused as not found; every frame type must have its row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type ClientFrame } from '@switchboard/protocol';
import { newVisitor, type RawClient, rawClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { handlers } from '../src/realtime/handlers/index.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';

type Role = 'owner' | 'admin' | 'supervisor' | 'operator';
const ROLES: Role[] = ['owner', 'admin', 'supervisor', 'operator'];
type Place = 'own team' | 'other team' | 'other workspace';
const PLACES: Place[] = ['own team', 'other team', 'other workspace'];
type Outcome = 'ok' | 'not_found' | 'forbidden';

/**
 * `about`: the frame names a conversation (scoped by place), or not (the same
 * answer everywhere). `try` sends it and says what came back.
 */
type FrameRow =
  | { about: 'conversation'; try: (c: RawClient, conversationId: string) => Promise<Outcome> }
  | { about: 'nothing'; outcome: Outcome; try: (c: RawClient) => Promise<Outcome> };

let n = 0;
const ref = () => `r${n++}`;

/** Sends a frame and waits for its error, or (none within a ping's round trip) counts it as handled. */
async function attempt(c: RawClient, frame: Record<string, unknown>, answer?: ClientFrame['type'] | 'synced' | 'ack' | 'visitors' | 'pong'): Promise<Outcome> {
  const r = ref();
  c.send({ ...frame, ref: r });
  const probe = ref();
  c.send({ type: 'ping', ref: probe });
  await c.next('pong', (f) => f.ref === probe);
  if (answer === 'ack') await Promise.race([c.next('ack', (f) => f.ref === r), c.next('error', (f) => f.ref === r)]);
  const error = c.frames.find((f) => f.type === 'error' && f.ref === r);
  if (error?.type === 'error') return error.code === 'not_found' ? 'not_found' : error.code === 'forbidden' ? 'forbidden' : (error.code as Outcome);
  return 'ok';
}

/** Follows the conversation first (when it may), then sends the frame. */
const followed = (frame: (id: string) => Record<string, unknown>) => async (c: RawClient, id: string) => {
  await attempt(c, { type: 'subscribe', conversationId: id });
  return attempt(c, frame(id));
};

const FRAMES: Record<ClientFrame['type'], FrameRow> = {
  hello: { about: 'nothing', outcome: 'ok', try: async (c) => (c.frames.some((f) => f.type === 'welcome') ? 'ok' : 'forbidden') },
  ping: { about: 'nothing', outcome: 'ok', try: (c) => attempt(c, { type: 'ping' }) },
  subscribe: { about: 'conversation', try: (c, id) => attempt(c, { type: 'subscribe', conversationId: id }) },
  // Only ever leaves what the connection follows: harmless whatever the id.
  unsubscribe: { about: 'nothing', outcome: 'ok', try: (c) => attempt(c, { type: 'unsubscribe', conversationId: conversations['other workspace'] }) },
  send: { about: 'conversation', try: (c, id) => attempt(c, { type: 'send', conversationId: id, clientId: `c-${ref()}`, body: 'A reply' }, 'ack') },
  typing: { about: 'conversation', try: followed((id) => ({ type: 'typing', conversationId: id, typing: true })) },
  read: { about: 'conversation', try: followed((id) => ({ type: 'read', conversationId: id, seq: 1 })) },
  view: { about: 'conversation', try: followed((id) => ({ type: 'view', conversationId: id })) },
  // Visitors' frames: refused to operators whatever the conversation.
  draft: { about: 'nothing', outcome: 'forbidden', try: (c) => attempt(c, { type: 'draft', conversationId: 'x', text: 'hi' }) },
  page: { about: 'nothing', outcome: 'forbidden', try: (c) => attempt(c, { type: 'page', url: 'https://example.com/' }) },
  presence: { about: 'nothing', outcome: 'ok', try: (c) => attempt(c, { type: 'presence', status: 'online' }) },
  activity: { about: 'nothing', outcome: 'ok', try: (c) => attempt(c, { type: 'activity' }) },
  // Scoped by what it lists (visibility.lists.test.ts): every role may follow the list.
  visitors: { about: 'nothing', outcome: 'ok', try: (c) => attempt(c, { type: 'visitors', follow: true }) },
};

let s: TestServer;
const tokens = {} as Record<Role, string>;
const conversations = {} as Record<Place, string>;

async function conversationIn(websiteKey: string, owner: string, teamId: string | null): Promise<string> {
  const v = await newVisitor(s.url, websiteKey);
  const c = visitorClient(s.wsUrl, websiteKey, v.visitorToken);
  await c.waitFor('welcome');
  const { conversationId } = await c.client.send({ body: 'Hello' });
  c.close();
  if (teamId) await api(s.url, `/api/v1/conversations/${conversationId}/team`, { token: owner, body: { teamId } });
  return conversationId;
}

beforeAll(async () => {
  s = await startTestServer();
  tokens.owner = await login(s.url);
  const ids: string[] = [(await api<{ id: string }>(s.url, '/api/v1/auth/me', { token: tokens.owner })).body.id];
  for (const role of ['admin', 'supervisor', 'operator'] as const) {
    const creds = { email: `${role}-frames@example.com`, password: 'lantern-orchard-basalt' };
    const r = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', { token: tokens.owner, body: { ...creds, name: role, role } });
    ids.push(r.body.operator.id);
    tokens[role] = await login(s.url, creds);
  }
  const own = await api<{ id: string }>(s.url, '/api/v1/teams', { token: tokens.owner, body: { name: 'Ours', memberIds: ids } });
  const other = await api<{ id: string }>(s.url, '/api/v1/teams', { token: tokens.owner, body: { name: 'Theirs', memberIds: [] } });
  conversations['own team'] = await conversationIn(s.websiteKey, tokens.owner, own.body.id);
  conversations['other team'] = await conversationIn(s.websiteKey, tokens.owner, other.body.id);
  const elsewhere = await createWorkspace(s.app.ctx, {
    name: 'Elsewhere',
    ownerEmail: 'owner@elsewhere.test',
    ownerName: 'Elsa',
    ownerPassword: 'lantern-orchard-basalt',
    inboxName: 'Elsewhere',
  });
  conversations['other workspace'] = await conversationIn(elsewhere.inbox.websiteKey, '', null);
});
afterAll(() => s.close());

const expected = (role: Role, place: Place): Outcome => {
  if (place === 'other workspace') return 'not_found';
  if (place === 'other team' && (role === 'supervisor' || role === 'operator')) return 'not_found';
  return 'ok';
};

describe('the permission table of socket frames', () => {
  it('has a row for every frame type the gateway handles', () => {
    expect(Object.keys(FRAMES).sort()).toEqual(Object.keys(handlers).sort());
  });

  for (const [type, row] of Object.entries(FRAMES)) {
    it(type, async () => {
      for (const role of ROLES) {
        for (const place of row.about === 'conversation' ? PLACES : (['own team'] as Place[])) {
          const c = await rawClient(s.wsUrl);
          c.send({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'operator', token: tokens[role] } });
          await c.next('welcome');
          const got = row.about === 'conversation' ? await row.try(c, conversations[place]) : await row.try(c);
          const want = row.about === 'conversation' ? expected(role, place) : row.outcome;
          expect(got, `${type} by ${role} (${place})`).toBe(want);
          c.ws.close();
        }
      }
    });
  }

  // "Monitor" is a view that shows among no viewers: supervisors, admins and owners, within what they see.
  it('view with monitor', async () => {
    for (const role of ROLES) {
      for (const place of PLACES) {
        const c = await rawClient(s.wsUrl);
        c.send({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'operator', token: tokens[role] } });
        await c.next('welcome');
        const got = await followed((id) => ({ type: 'view', conversationId: id, monitor: true }))(c, conversations[place]);
        const want = expected(role, place) === 'ok' && role === 'operator' ? 'forbidden' : expected(role, place);
        expect(got, `monitor by ${role} (${place})`).toBe(want);
        c.ws.close();
      }
    }
  });
});
