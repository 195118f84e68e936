/** Macros over HTTP: who sees, changes and runs which, fields refused in words, a run's report, a run that fails halfway. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newVisitor, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { historySchema } from '../src/http/schemas.js';
import { macroSchema, runResultSchema } from '../src/macro/macro.js';
import { macroAction, macroActionKinds, registerMacroAction } from '../src/macro/actions/index.js';
import { unregisterMacroAction } from '../src/macro/actions/registry.js';

let s: TestServer;
let owner: string;
let ana: string;
let anaId: string;
let ownerId: string;

async function conversation(name: string | null): Promise<string> {
  const v = await newVisitor(s.url, s.websiteKey);
  if (name) await api(s.url, '/api/v1/widget/identify', { token: v.visitorToken, headers: { 'x-website-key': s.websiteKey }, body: { name } });
  const c = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await c.waitFor('welcome');
  const ack = await c.client.send({ body: 'I need help with my order' });
  c.close();
  return ack.conversationId;
}

const history = async (id: string) => historySchema.parse((await api(s.url, `/api/v1/conversations/${id}/messages`, { token: owner })).body).messages;
const run = async (token: string, conversationId: string, macroId: string) =>
  api<z.infer<typeof runResultSchema>>(s.url, `/api/v1/conversations/${conversationId}/macros/${macroId}/run`, { token, body: {} });

beforeAll(async () => {
  s = await startTestServer();
  owner = await login(s.url);
  await api(s.url, '/api/v1/operators', { token: owner, body: { email: 'ana-macro@example.com', name: 'Ana Lima', password: 'lantern-orchard-basalt' } });
  ana = await login(s.url, { email: 'ana-macro@example.com', password: 'lantern-orchard-basalt' });
  anaId = (await api<{ id: string }>(s.url, '/api/v1/auth/me', { token: ana })).body.id;
  ownerId = (await api<{ id: string }>(s.url, '/api/v1/auth/me', { token: owner })).body.id;
});
afterAll(() => s.close());

describe('the action registry', () => {
  it('has send_message, assign and set_status, and refuses a kind twice or badly named', () => {
    expect(macroActionKinds()).toEqual(expect.arrayContaining(['assign', 'send_message', 'set_status']));
    expect(() => registerMacroAction('assign', { input: z.object({}), run: async () => undefined })).toThrow(/registered twice/);
    expect(() => registerMacroAction('Add-Label', { input: z.object({}), run: async () => undefined })).toThrow(/snake_case/);
    registerMacroAction('test_noop', { input: z.object({ n: z.number() }), run: async (_ctx, _actor, _id, input) => `noop ${input.n}` });
    expect(macroAction('test_noop')?.input.safeParse({ n: 1 }).success).toBe(true);
    unregisterMacroAction('test_noop');
    expect(macroAction('test_noop')).toBeUndefined();
  });
});

describe('macros', () => {
  it('refuses bad actions with the field at fault, in words', async () => {
    const r = await api<{ error: { code: string; details: { path: string; message: string }[] } }>(s.url, '/api/v1/macros', {
      token: ana,
      body: {
        name: 'Broken',
        actions: [{ kind: 'send_message', input: { body: '  ' } }, { kind: 'set_status', input: { status: 'closed' } }, { kind: 'fly' }],
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([
      { in: 'body', path: 'actions.0.input.body', message: 'Write the message to send' },
      { in: 'body', path: 'actions.1.input.status', message: 'Choose one of: open, pending, resolved' },
      expect.objectContaining({ in: 'body', path: expect.stringMatching(/^actions\.2/) }),
    ]);
    const empty = await api<{ error: { details: { path: string; message: string }[] } }>(s.url, '/api/v1/macros', {
      token: ana,
      body: { name: 'Empty', actions: [] },
    });
    expect(empty.body.error.details).toEqual([{ in: 'body', path: 'actions', message: 'Add at least one action' }]);
  });

  it('personal macros are their owner’s; workspace macros are everyone’s to run and admins’ to change', async () => {
    const mine = await api<{ id: string }>(s.url, '/api/v1/macros', {
      token: ana,
      body: { name: 'Park it', actions: [{ kind: 'set_status', input: { status: 'pending' } }] },
    });
    expect(mine.status).toBe(201);
    expect(macroSchema.parse(mine.body)).toMatchObject({ scope: 'personal', ownerId: anaId, canEdit: true });
    expect((await api<{ items: { id: string }[] }>(s.url, '/api/v1/macros', { token: owner })).body.items.map((m) => m.id)).not.toContain(mine.body.id);
    expect((await api(s.url, `/api/v1/macros/${mine.body.id}`, { token: owner })).status).toBe(404);
    expect((await run(owner, await conversation(null), mine.body.id)).status).toBe(404);
    expect((await api(s.url, `/api/v1/macros/${mine.body.id}`, { method: 'PATCH', token: ana, body: { name: 'Park' } })).status).toBe(200);

    const denied = await api(s.url, '/api/v1/macros', {
      token: ana,
      body: { name: 'Shared', scope: 'workspace', actions: [{ kind: 'set_status', input: { status: 'open' } }] },
    });
    expect(denied.status).toBe(403);
    const shared = await api<{ id: string }>(s.url, '/api/v1/macros', {
      token: owner,
      body: { name: 'Shared', scope: 'workspace', actions: [{ kind: 'set_status', input: { status: 'open' } }] },
    });
    const seen = (await api<{ items: { id: string; canEdit: boolean }[] }>(s.url, '/api/v1/macros', { token: ana })).body.items;
    expect(seen.find((m) => m.id === shared.body.id)).toMatchObject({ canEdit: false });
    expect((await api(s.url, `/api/v1/macros/${shared.body.id}`, { method: 'PATCH', token: ana, body: { name: 'Mine' } })).status).toBe(403);
    expect((await api(s.url, `/api/v1/macros/${shared.body.id}`, { method: 'DELETE', token: ana })).status).toBe(403);
    expect((await api(s.url, `/api/v1/macros/${mine.body.id}`, { method: 'DELETE', token: ana })).status).toBe(204);
  });

  it('runs every action in order, each leaving its usual record, variables filled', async () => {
    const id = await conversation('Maya Chen');
    const macro = await api<{ id: string }>(s.url, '/api/v1/macros', {
      token: owner,
      body: {
        name: 'Thank and resolve',
        scope: 'workspace',
        actions: [
          { kind: 'send_message', input: { body: 'Thanks {{contact.first_name | there}}, {{operator.first_name}} from {{inbox.team_name}} here.' } },
          { kind: 'assign', input: { operatorId: anaId } },
          { kind: 'set_status', input: { status: 'resolved' } },
        ],
      },
    });
    const r = await run(owner, id, macro.body.id);
    expect(r.status).toBe(200);
    expect(runResultSchema.parse(r.body)).toMatchObject({
      done: [
        { index: 0, kind: 'send_message', summary: 'Sent a message' },
        { index: 1, kind: 'assign', summary: 'Assigned to Ana Lima' },
        { index: 2, kind: 'set_status', summary: 'Resolved by Admin' },
      ],
      failed: null,
      conversation: { id, status: 'resolved', assigneeId: anaId },
    });
    expect((await history(id)).slice(1).map((m) => [m.kind, m.author.kind, m.body])).toEqual([
      ['text', 'operator', 'Thanks Maya, Admin from Support here.'],
      ['event', 'system', 'Assigned to Ana Lima'],
      ['event', 'system', 'Resolved by Admin'],
    ]);
  });

  it('adds a private note, adds and removes labels and snoozes, each with its usual record', async () => {
    const id = await conversation(null);
    const vip = (await api<{ id: string }>(s.url, '/api/v1/labels', { token: owner, body: { name: 'Macro VIP' } })).body.id;
    const old = (await api<{ id: string }>(s.url, '/api/v1/labels', { token: owner, body: { name: 'Macro old' } })).body.id;
    await api(s.url, `/api/v1/conversations/${id}/labels`, { token: owner, body: { add: [old] } });
    const macro = await api<{ id: string }>(s.url, '/api/v1/macros', {
      token: ana,
      body: {
        name: 'Park for a day',
        actions: [
          { kind: 'add_note', input: { body: 'Waiting for the warehouse, @Admin' } },
          { kind: 'add_labels', input: { labelIds: [vip] } },
          { kind: 'remove_labels', input: { labelIds: [old] } },
          { kind: 'snooze', input: { minutes: 24 * 60 } },
        ],
      },
    });
    expect(macro.status).toBe(201);
    const before = Date.now();
    const r = await run(ana, id, macro.body.id);
    expect(r.body).toMatchObject({
      done: [
        { index: 0, kind: 'add_note', summary: 'Added a private note' },
        { index: 1, kind: 'add_labels', summary: 'Labels added Macro VIP by Ana Lima' },
        { index: 2, kind: 'remove_labels', summary: 'Labels removed Macro old by Ana Lima' },
        { index: 3, kind: 'snooze', summary: expect.stringMatching(/^Snoozed until .* by Ana Lima$/) },
      ],
      failed: null,
      conversation: { status: 'snoozed', labels: [vip] },
    });
    const until = r.body.conversation.snoozedUntil as number;
    expect(until).toBeGreaterThanOrEqual(before + 24 * 3600_000);
    expect(until).toBeLessThan(Date.now() + 24 * 3600_000 + 1000);
    const notes = await api<{ items: { body: string; mentions: { name: string }[] }[] }>(s.url, `/api/v1/conversations/${id}/notes`, { token: owner });
    expect(notes.body.items).toEqual([
      expect.objectContaining({ body: 'Waiting for the warehouse, @Admin', mentions: [expect.objectContaining({ name: 'Admin' })] }),
    ]);
    const refused = await api<{ error: { details: { path: string; message: string }[] } }>(s.url, '/api/v1/macros', {
      token: ana,
      body: {
        name: 'Bad',
        actions: [
          { kind: 'add_labels', input: { labelIds: [] } },
          { kind: 'snooze', input: { minutes: 0 } },
        ],
      },
    });
    expect(refused.body.error.details).toEqual([
      { in: 'body', path: 'actions.0.input.labelIds', message: 'Choose at least one label' },
      { in: 'body', path: 'actions.1.input.minutes', message: 'Snooze for at least a minute' },
    ]);
  });

  it('stops at the action that fails, says which and why, and keeps what was done', async () => {
    const id = await conversation(null);
    const macro = await api<{ id: string }>(s.url, '/api/v1/macros', {
      token: ana,
      body: {
        name: 'Escalate',
        actions: [
          { kind: 'set_status', input: { status: 'pending' } },
          { kind: 'assign', input: { operatorId: ownerId } },
          { kind: 'send_message', input: { body: 'Passed on to a colleague' } },
        ],
      },
    });
    const r = await run(ana, id, macro.body.id);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      done: [{ index: 0, kind: 'set_status' }],
      failed: { index: 1, kind: 'assign', message: 'You are not allowed to do this' },
      conversation: { status: 'pending', assigneeId: null },
    });
    expect((await history(id)).map((m) => m.body)).toEqual(['I need help with my order', 'Marked as pending by Ana Lima']);
  });

  it('fails a message whose variable is unknown or has no value, before sending anything', async () => {
    const id = await conversation(null);
    const macro = await api<{ id: string }>(s.url, '/api/v1/macros', {
      token: ana,
      body: {
        name: 'Order',
        actions: [
          { kind: 'send_message', input: { body: 'Your order {{order.number}} is on its way' } },
          { kind: 'send_message', input: { body: 'Hi {{contact.name}}' } },
        ],
      },
    });
    const unknown = await run(ana, id, macro.body.id);
    expect(unknown.body.failed).toEqual({ index: 0, kind: 'send_message', message: 'Unknown variable {{order.number}}: nothing was sent' });
    const other = await api<{ id: string }>(s.url, '/api/v1/macros', {
      token: ana,
      body: { name: 'Hi', actions: [{ kind: 'send_message', input: { body: 'Hi {{contact.name}}' } }] },
    });
    const missing = await run(ana, id, other.body.id);
    expect(missing.body.failed?.message).toBe(
      'No value for {{contact.name}} in this conversation (a fallback such as {{contact.name | there}} fills it): nothing was sent',
    );
    expect((await history(id)).map((m) => m.body)).toEqual(['I need help with my order']);
  });

  it('answers 404 for a conversation of nowhere, running nothing', async () => {
    const macro = await api<{ id: string }>(s.url, '/api/v1/macros', {
      token: ana,
      body: { name: 'P', actions: [{ kind: 'set_status', input: { status: 'pending' } }] },
    });
    expect((await run(ana, 'no-such-conversation', macro.body.id)).status).toBe(404);
  });
});
