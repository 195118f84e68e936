/**
 * Merging two conversations: on every storage backend, every message of both
 * ends up in the survivor in time order, with what follows them; and over the
 * realtime protocol, clients connected during the merge end up with exactly
 * the survivor's messages, nothing missed and nothing twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageDto, ServerFrame } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import type { Context } from '../src/context.js';
import { mergeConversations } from '../src/conversation/merge-conversations.js';
import { findConversation } from '../src/conversation/conversation.repository.js';
import { setConversationLabels } from '../src/label/set-conversation-labels.js';
import { createLabel } from '../src/label/label.service.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { sendMessage } from '../src/message/message.service.js';
import { listMentionedConversations } from '../src/mention/mention.repository.js';
import { addNote } from '../src/note/add-note.js';
import { listNotes } from '../src/note/note.service.js';
import { insertNewOperator } from '../src/operator/operator.service.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

describe.each(BACKENDS)('merging on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let ws: NewWorkspace;
  let time = Date.UTC(2026, 5, 1, 9);

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-merge-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath));
    // Messages get the times the test gives them, a second apart.
    ctx.now = () => time;
    ws = await createWorkspace(ctx, { name: 'M', ownerEmail: `m-${tag}@x.test`, ownerName: 'Mia', ownerPassword: 'password-m', inboxName: 'Web' });
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const op = () => ({ kind: 'operator' as const, id: ws.owner.id, name: 'Mia' });
  async function say(
    conversationId: string | undefined,
    visitor: { id: string; workspaceId: string; inboxId: string; contactId: string | null; verifiedContactId: string | null },
    body: string,
    by: 'visitor' | 'operator',
  ) {
    time += 1000;
    const r = await sendMessage(ctx, {
      workspaceId: ws.workspaceId,
      conversationId,
      visitor: by === 'visitor' ? visitor : undefined,
      author: by === 'visitor' ? { kind: 'visitor', id: visitor.id, name: null } : op(),
      clientId: `${body}-${time}`,
      body,
    });
    return r.message.conversationId;
  }

  it('keeps every message of both, in time order, and what follows them', async () => {
    const v1 = (await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey })).visitor;
    const v2 = (await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey })).visitor;
    const a = await say(undefined, v1, 'a1', 'visitor');
    const b = await say(undefined, v2, 'b1', 'visitor');
    // The same person on two devices: an operator linked both to one contact.
    const contact = 'contact-merge';
    await handle.db
      .insertInto('contacts')
      .values({ id: contact, workspace_id: ws.workspaceId, name: 'Lee', email: null, created_at: time, updated_at: time })
      .execute();
    await handle.db.updateTable('conversations').set({ contact_id: contact }).where('id', 'in', [a, b]).execute();
    await say(a, v1, 'a2', 'operator');
    await say(b, v2, 'b2', 'visitor');
    await say(a, v1, 'a3', 'visitor');
    const label = await createLabel(ctx, ws.owner, { name: `vip-${tag}`, color: '#aa0000' });
    await setConversationLabels(ctx, { actor: ws.owner, conversationId: b, add: [label.id], remove: [] });
    await handle.db.updateTable('conversations').set({ visitor_read_seq: 2 }).where('id', '=', a).execute();

    time += 1000;
    const r = await mergeConversations(ctx, { actor: ws.owner, intoId: a, fromId: b });
    const rows = await handle.db.selectFrom('messages').select(['seq', 'body', 'kind']).where('conversation_id', '=', a).orderBy('seq').execute();
    expect(rows.map((m) => [Number(m.seq), m.body])).toEqual([
      [1, 'a1'],
      [2, 'b1'],
      [3, 'a2'],
      [4, 'b2'],
      [5, 'a3'],
      // Written at the same time as a3, in the other conversation: after it.
      [6, expect.stringMatching(/^Labels added/)],
      [7, expect.stringMatching(/^Merged with the conversation of/)],
    ]);
    expect(await handle.db.selectFrom('messages').select('id').where('conversation_id', '=', b).execute()).toEqual([]);
    expect(r.conversation).toMatchObject({ lastSeq: 7, labels: [label.id], lastMessage: { seq: 5, preview: 'a3' }, unreadCount: 2 });
    // a2 was the visitor's read position in A: it is message 3 now.
    expect(r.conversation.visitorReadSeq).toBe(3);
    expect(r.from).toMatchObject({ status: 'resolved', mergedInto: a });
    // A message still addressed to the merged conversation goes where its messages went.
    const late = await say(b, v2, 'late', 'operator');
    expect(late).toBe(a);
    expect((await findConversation(handle.db, ws.workspaceId, a))?.last_seq).toBe(8);
  });

  it('brings the notes of both, numbered again in the order written, after the same messages, with their mentions', async () => {
    const v = (await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey })).visitor;
    const bea = (await insertNewOperator(ctx, ws.workspaceId, { email: `bea-${tag}@x.test`, name: `Bea ${tag}`, role: 'operator' })).operator;
    const a = await say(undefined, v, 'n1', 'visitor');
    await handle.db.updateTable('conversations').set({ status: 'resolved' }).where('id', '=', a).execute();
    time += 1000;
    await addNote(ctx, { actor: ws.owner, conversationId: a, body: 'note A1', clientId: 'same' });
    const b = await say(undefined, v, 'n2', 'visitor');
    expect(b).not.toBe(a);
    time += 1000;
    await addNote(ctx, { actor: ws.owner, conversationId: b, body: `note B1 for @Bea ${tag}`, clientId: 'same' });
    await say(a, v, 'n3', 'operator');
    time += 1000;
    await addNote(ctx, { actor: ws.owner, conversationId: a, body: 'note A2' });

    await mergeConversations(ctx, { actor: ws.owner, intoId: a, fromId: b });
    const seqOf = async (body: string) =>
      Number((await handle.db.selectFrom('messages').select('seq').where('conversation_id', '=', a).where('body', '=', body).executeTakeFirstOrThrow()).seq);
    const notes = await listNotes(ctx, ws.owner, a, { after: 0, limit: 10 });
    expect(notes.items.map((n) => [n.noteSeq, n.body, n.afterSeq])).toEqual([
      [1, 'note A1', await seqOf('n1')],
      [2, `note B1 for @Bea ${tag}`, await seqOf('n2')],
      [3, 'note A2', await seqOf('n3')],
    ]);
    expect((await listNotes(ctx, ws.owner, b, { after: 0, limit: 10 })).items).toEqual([]);
    // Bea's mention is in the survivor now: her Mentions view opens it, and opening it sees it.
    expect((await listMentionedConversations(handle.db, { workspaceId: ws.workspaceId, operatorId: bea.id, limit: 5 })).map((m) => m.conversationId)).toEqual([
      a,
    ]);
  });

  it('refuses conversations of different people, the same one twice, and one merged already', async () => {
    const v1 = (await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey })).visitor;
    const v2 = (await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey })).visitor;
    const a = await say(undefined, v1, 'x1', 'visitor');
    const b = await say(undefined, v2, 'y1', 'visitor');
    await expect(mergeConversations(ctx, { actor: ws.owner, intoId: a, fromId: b })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(mergeConversations(ctx, { actor: ws.owner, intoId: a, fromId: a })).rejects.toMatchObject({ code: 'bad_request' });
    expect((await handle.db.selectFrom('messages').select('id').where('conversation_id', '=', b).execute()).length).toBe(1);
  });
});

describe('merging while clients are connected', () => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await startTestServer();
    token = await login(s.url);
  });
  afterAll(() => s.close());

  /** What an app shows of a conversation: it drops both on `merged`, as the console and the widget do. */
  function shown(client: TestClient) {
    const list = new Map<string, Map<number, MessageDto>>();
    const seen: ServerFrame[] = [];
    return {
      take() {
        for (const f of client.frames.slice(seen.length)) {
          seen.push(f);
          if (f.type === 'merged') {
            list.delete(f.from);
            list.delete(f.into);
          } else if (f.type === 'message') {
            const m = list.get(f.message.conversationId) ?? new Map();
            expect(m.has(f.message.seq), `message ${f.message.seq} twice`).toBe(false);
            m.set(f.message.seq, f.message);
            list.set(f.message.conversationId, m);
          }
        }
        return list;
      },
    };
  }

  it('moves the visitor and the operator to the survivor with exact delivery after', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await visitor.waitFor('welcome');
    const first = await visitor.client.send({ body: 'first conversation' });
    await api(s.url, `/api/v1/conversations/${first.conversationId}/status`, { token, body: { status: 'resolved' } });
    const second = await visitor.client.send({ body: 'second conversation' });
    visitor.client.subscribe(second.conversationId, 0);
    await visitor.waitFor('synced', (f) => f.conversationId === second.conversationId);
    const operator = operatorClient(s.wsUrl, token);
    await operator.waitFor('welcome');
    operator.client.subscribe(first.conversationId);
    operator.client.subscribe(second.conversationId);
    await operator.waitFor('synced', (f) => f.conversationId === first.conversationId);
    await operator.waitFor('synced', (f) => f.conversationId === second.conversationId);
    const onVisitor = shown(visitor);
    const onOperator = shown(operator);

    // Traffic on both sides while the merge happens.
    const during = [
      visitor.client.send({ conversationId: second.conversationId, body: 'during 1' }),
      api(s.url, `/api/v1/conversations/${first.conversationId}/messages`, { token, body: { body: 'during 2' } }),
    ];
    const merged = await api<{ conversation: { id: string } }>(s.url, `/api/v1/conversations/${first.conversationId}/merge`, {
      token,
      body: { conversationId: second.conversationId },
    });
    expect(merged.status).toBe(200);
    await Promise.all(during);
    // After: a pending send to the merged one, and new traffic.
    await visitor.client.send({ conversationId: second.conversationId, body: 'after 1' });
    await api(s.url, `/api/v1/conversations/${first.conversationId}/messages`, { token, body: { body: 'after 2' } });

    const history = await api<{ messages: MessageDto[] }>(s.url, `/api/v1/conversations/${first.conversationId}/messages?limit=200`, { token });
    const expected = history.body.messages.map((m) => `${m.seq}:${m.body}`);
    expect(expected.filter((x) => /during|after|conversation$/.test(x)).length).toBe(6);
    for (const [name, app] of [
      ['visitor', onVisitor],
      ['operator', onOperator],
    ] as const) {
      await expect
        .poll(() => [...(app.take().get(first.conversationId)?.values() ?? [])].sort((x, y) => x.seq - y.seq).map((m) => `${m.seq}:${m.body}`), {
          timeout: 10_000,
          message: name,
        })
        .toEqual(expected);
      expect(app.take().has(second.conversationId), name).toBe(false);
    }
    visitor.close();
    operator.close();
  });
});
