/**
 * receiveMail on every backend (SQLite with both write paths, PostgreSQL):
 * a new mail starts a conversation announced like any other, the same mail
 * delivered twice at once is stored once, a reply threads by its headers, and
 * headers never reach another workspace's conversation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import type { Context } from '../src/context.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { createEmailInbox, updateEmailInbox } from '../src/email-inbound/email-inbox.service.js';
import { receiveMail } from '../src/email-inbound/receive-mail.js';
import type { DomainEvent } from '../src/events/events.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

const mail = (p: { from: string; to: string; id: string; subject?: string; text: string; inReplyTo?: string }) =>
  Buffer.from(
    [
      `From: ${p.from}`,
      `To: ${p.to}`,
      `Subject: ${p.subject ?? 'Hello'}`,
      `Message-ID: <${p.id}>`,
      ...(p.inReplyTo ? [`In-Reply-To: <${p.inReplyTo}>`, `References: <${p.inReplyTo}>`] : []),
      'Content-Type: text/plain; charset=utf-8',
      '',
      p.text,
      '',
    ].join('\r\n'),
  );

describe.each(BACKENDS)('receiving mail on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let events: DomainEvent[];
  let a: NewWorkspace;
  let b: NewWorkspace;
  let inboxA: string;
  const addrA = `help-${tag}@a.example`;
  const addrB = `help-${tag}@b.example`;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-mail-'));
    ({ ctx, events } = await contextOn(handle, dir, backend.fastPath));
    a = await createWorkspace(ctx, { name: 'A', ownerEmail: `a-${tag}@x.test`, ownerName: 'Ana', ownerPassword: 'password-a', inboxName: 'Web' });
    b = await createWorkspace(ctx, { name: 'B', ownerEmail: `b-${tag}@x.test`, ownerName: 'Bo', ownerPassword: 'password-b', inboxName: 'Web' });
    inboxA = (await createEmailInbox(ctx, a.owner, { name: 'Mail', address: addrA })).id;
    await createEmailInbox(ctx, b.owner, { name: 'Mail', address: addrB });
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts a conversation in the email inbox, announced as any new conversation, from a new contact', async () => {
    const r = await receiveMail(ctx, {
      raw: mail({ from: 'Zoe <zoe@c.example>', to: addrA, id: `n1-${tag}@c.example`, text: 'First words' }),
      recipients: [addrA],
    });
    expect(r.status).toBe('stored');
    const conv = await handle.db.selectFrom('conversations').selectAll().where('id', '=', r.conversationId!).executeTakeFirstOrThrow();
    expect(conv).toMatchObject({ workspace_id: a.workspaceId, inbox_id: inboxA, status: 'open', awaiting_email_reply: 1 });
    const contact = await handle.db.selectFrom('contacts').selectAll().where('id', '=', conv.contact_id!).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ name: 'Zoe', email: 'zoe@c.example', workspace_id: a.workspaceId });
    expect(events.filter((e) => e.type === 'conversation.created' && e.conversation.id === conv.id)).toHaveLength(1);
    const created = events.filter((e) => e.type === 'message.created' && e.message.conversationId === conv.id);
    expect(created.map((e) => (e.type === 'message.created' ? e.message.body : ''))).toEqual(['Hello\n\nFirst words']);
  });

  it('routes like a website inbox: a new conversation goes to the inbox team and waits in its queue', async () => {
    const teamId = `team-mail-${tag}`;
    await handle.db
      .insertInto('teams')
      .values({ id: teamId, workspace_id: a.workspaceId, name: 'Mail team', created_at: Date.now(), updated_at: Date.now() })
      .execute();
    await updateEmailInbox(ctx, a.owner, inboxA, { defaultTeamId: teamId });
    const r = await receiveMail(ctx, { raw: mail({ from: 'wu@c.example', to: addrA, id: `team-${tag}@c.example`, text: 'Routed?' }), recipients: [addrA] });
    const conv = await handle.db.selectFrom('conversations').selectAll().where('id', '=', r.conversationId!).executeTakeFirstOrThrow();
    expect(conv.team_id).toBe(teamId);
    expect(conv.queued_at).toEqual(expect.any(Number));
    await updateEmailInbox(ctx, a.owner, inboxA, { defaultTeamId: null });
  });

  it('stores the same mail once when it is delivered twice at once', async () => {
    const raw = mail({ from: 'yan@c.example', to: addrA, id: `twice-${tag}@c.example`, text: 'Only once' });
    const results = await Promise.all([receiveMail(ctx, { raw, recipients: [addrA] }), receiveMail(ctx, { raw, recipients: [addrA] })]);
    expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'stored']);
    const rows = await handle.db.selectFrom('messages').select('id').where('body', '=', 'Hello\n\nOnly once').execute();
    expect(rows).toHaveLength(1);
  });

  it('threads a reply by its headers, and never into another workspace', async () => {
    const first = await receiveMail(ctx, { raw: mail({ from: 'xia@c.example', to: addrB, id: `b1-${tag}@c.example`, text: 'To B' }), recipients: [addrB] });
    const reply = await receiveMail(ctx, {
      raw: mail({ from: 'xia@c.example', to: addrB, id: `b2-${tag}@c.example`, text: 'Still B', inReplyTo: `b1-${tag}@c.example` }),
      recipients: [addrB],
    });
    expect(reply.conversationId).toBe(first.conversationId);
    // The same headers sent to workspace A's address start a conversation of A: B's stays out of reach.
    const elsewhere = await receiveMail(ctx, {
      raw: mail({ from: 'xia@c.example', to: addrA, id: `a3-${tag}@c.example`, text: 'To A', inReplyTo: `b1-${tag}@c.example` }),
      recipients: [addrA],
    });
    expect(elsewhere.conversationId).not.toBe(first.conversationId);
    const conv = await handle.db.selectFrom('conversations').select('workspace_id').where('id', '=', elsewhere.conversationId!).executeTakeFirstOrThrow();
    expect(conv.workspace_id).toBe(a.workspaceId);
    // The relay of workspace A does not find B's address either.
    await expect(
      receiveMail(ctx, { raw: mail({ from: 'xia@c.example', to: addrB, id: `b4-${tag}@c.example`, text: 'x' }), recipients: [], workspaceId: a.workspaceId }),
    ).rejects.toThrow(/No email inbox/);
  });
});
