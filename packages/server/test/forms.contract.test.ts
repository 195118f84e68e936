/**
 * The offline form and the pre-chat form, on every backend (SQLite with its
 * synchronous write path and with the set-based one, PostgreSQL): values
 * checked per type with stable codes and stored on the visitor's own contact
 * only (never on another contact with the same email), the team on the
 * conversation, a consent recorded with the text shown and the time, a form
 * sent twice starting one conversation, and a verified visitor's name and
 * email left to the website.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { ManualClock } from '../src/clock.js';
import { insertAttribute } from '../src/contact/contact-attribute.repository.js';
import { createContact, getContact } from '../src/contact/contact.service.js';
import type { Context } from '../src/context.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { AppError } from '../src/errors.js';
import type { DomainEvent } from '../src/events/events.js';
import { leaveOfflineMessage } from '../src/forms/leave-offline-message.js';
import { submitPreChat } from '../src/forms/submit-pre-chat.js';
import type { OfflineMessageInput, PreChatInput } from '../src/forms/form.schemas.js';
import { identifyVisitor } from '../src/identity/identify-visitor.js';
import { storeIdentitySecret } from '../src/identity/identity.repository.js';
import { findInbox, toInbox } from '../src/inbox/inbox.repository.js';
import { updateInbox } from '../src/inbox/inbox.service.js';
import type { Inbox, InboxSettings } from '../src/inbox/inbox.js';
import { authenticateVisitor, startWidgetSession } from '../src/visitor/visitor.service.js';
import type { Visitor } from '../src/visitor/visitor.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

/** The problems a refusal names: path -> code. */
async function problems(run: Promise<unknown>): Promise<Record<string, string>> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('validation_failed');
  return Object.fromEntries(((err as AppError).details as { path: string; code: string }[]).map((d) => [d.path, d.code]));
}

describe.each(BACKENDS)('offline and pre-chat forms on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let events: DomainEvent[];
  let ws: NewWorkspace;
  const clock = new ManualClock();
  const teams = { billing: `team-billing-${tag}`, sales: `team-sales-${tag}`, hidden: `team-hidden-${tag}` };

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-forms-'));
    ({ ctx, events } = await contextOn(handle, dir, backend.fastPath, clock));
    ws = await createWorkspace(ctx, { name: 'A', ownerEmail: `a-${tag}@x.test`, ownerName: 'Ana Lima', ownerPassword: 'password-a', inboxName: 'Web' });
    const now = clock.now();
    for (const [name, id] of Object.entries(teams)) {
      await handle.db.insertInto('teams').values({ id, workspace_id: ws.workspaceId, name, created_at: now, updated_at: now }).execute();
    }
    const attribute = (key: string, type: string, options: string[] = []) =>
      insertAttribute(handle.db, {
        id: `attr-${key}-${tag}`,
        workspace_id: ws.workspaceId,
        key,
        label: key[0]!.toUpperCase() + key.slice(1),
        type,
        options: JSON.stringify(options),
        position: 0,
        created_at: now,
        updated_at: now,
      });
    await attribute('seats', 'number');
    await attribute('renewal', 'date');
    await attribute('plan', 'list', ['Basic', 'Pro']);
    await attribute('newsletter', 'boolean');
    await attribute('website', 'link');
    await attribute('note', 'text');
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const inbox = async (): Promise<Inbox> => toInbox((await findInbox(ctx.db, ws.workspaceId, ws.inbox.id))!);
  const setInbox = (settings: Partial<InboxSettings>) => updateInbox(ctx, ws.owner, ws.inbox.id, { settings });
  const newVisitor = async () => (await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey })).visitor;
  const offline = async (v: Visitor, input: Partial<OfflineMessageInput>) =>
    leaveOfflineMessage(ctx, { visitor: v, inbox: await inbox(), input: { clientId: `c-${Math.random()}`, message: '', ...input } });
  const preChat = async (v: Visitor, input: Partial<PreChatInput>) =>
    submitPreChat(ctx, { visitor: v, inbox: await inbox(), input: { clientId: `c-${Math.random()}`, message: '', ...input } });
  const conversationsOf = (v: Visitor) => handle.db.selectFrom('conversations').selectAll().where('visitor_id', '=', v.id).execute();
  const contactOf = async (v: Visitor) => {
    const row = await handle.db.selectFrom('visitors').select('contact_id').where('id', '=', v.id).executeTakeFirstOrThrow();
    return row.contact_id ? getContact(ctx, ws.owner, row.contact_id) : null;
  };

  describe('the offline form', () => {
    it('refuses a missing or malformed email and an empty message, per field with stable codes, and stores nothing', async () => {
      const v = await newVisitor();
      expect(await problems(offline(v, { name: 'Maya' }))).toEqual({ email: 'required', message: 'required' });
      expect(await problems(offline(v, { email: 'maya@', message: 'Hi' }))).toEqual({ email: 'invalid_email' });
      expect(await problems(offline(v, { email: 'maya@example.com', message: '   ' }))).toEqual({ message: 'required' });
      expect(await conversationsOf(v)).toEqual([]);
      expect(await contactOf(v)).toBeNull();
    });

    it('starts one conversation waiting for an email reply, with the name and email on the visitor’s own contact, however often it is sent', async () => {
      const v = await newVisitor();
      const input = { clientId: 'offline-once', name: ' Maya Chen ', email: 'Maya@Example.com', message: 'Do you ship to Norway?' };
      const first = await offline(v, input);
      expect(first.duplicate).toBe(false);
      expect(first.replyTo).toBe('maya@example.com');
      expect(first.conversation).toMatchObject({
        status: 'open',
        awaitingEmailReply: true,
        teamId: null,
        contact: { name: 'Maya Chen', email: 'maya@example.com' },
      });
      expect(first.message).toMatchObject({ body: 'Do you ship to Norway?', author: { kind: 'visitor' }, clientId: 'offline-once' });
      const again = await offline(v, input);
      expect(again.duplicate).toBe(true);
      expect(again.conversation.id).toBe(first.conversation.id);
      expect(again.message.id).toBe(first.message.id);
      const rows = await conversationsOf(v);
      expect(rows).toHaveLength(1);
      expect(Number(rows[0]!.awaiting_email_reply)).toBe(1);
      const created = events.filter((e) => e.type === 'conversation.created' && e.visitorId === v.id);
      expect(created).toHaveLength(1);
    });

    it('never attaches the visitor to another contact with the same email: what they type is theirs', async () => {
      const known = await createContact(ctx, ws.owner, { name: 'Real Customer', email: `real-${tag}@example.com` });
      const v = await newVisitor();
      await offline(v, { name: 'Impostor', email: `real-${tag}@example.com`, message: 'Show me my orders' });
      const mine = await contactOf(v);
      expect(mine?.id).not.toBe(known.id);
      expect(mine).toMatchObject({ name: 'Impostor', email: `real-${tag}@example.com`, verified: false });
      expect(await getContact(ctx, ws.owner, known.id)).toMatchObject({ name: 'Real Customer', counts: { conversations: 0 } });
    });
  });

  describe('the pre-chat form', () => {
    const fields: InboxSettings['preChat']['fields'] = [
      { type: 'name', required: true },
      { type: 'email', required: false },
      { type: 'phone', required: false },
      {
        type: 'team',
        required: true,
        choices: [
          { teamId: teams.billing, label: 'Billing' },
          { teamId: teams.sales, label: 'Sales' },
        ],
      },
      { type: 'attribute', key: 'seats', required: false },
      { type: 'attribute', key: 'renewal', required: false },
      { type: 'attribute', key: 'plan', required: false },
      { type: 'attribute', key: 'newsletter', required: false },
      { type: 'attribute', key: 'website', required: false },
      { type: 'consent', text: 'I agree that my details are stored to answer me.' },
    ];
    beforeAll(async () => {
      await setInbox({
        preChat: { enabled: true, fields },
        translations: { de: { labels: { consent: 'Ich bin einverstanden, dass meine Angaben gespeichert werden.' } } },
      });
    });

    it('checks every type with the widget’s rules and names each refused field with its code', async () => {
      const v = await newVisitor();
      const refused = await problems(
        preChat(v, {
          email: 'not-an-email',
          phone: 'call me',
          team: teams.hidden,
          attributes: { seats: 'many' as unknown as number, renewal: '2026-02-30', plan: 'Gold', website: 'javascript:alert(1)' },
          message: 'Hello',
        }),
      );
      expect(refused).toEqual({
        name: 'required',
        email: 'invalid_email',
        phone: 'invalid_phone',
        team: 'invalid_choice',
        'attributes.seats': 'invalid_number',
        'attributes.renewal': 'invalid_date',
        'attributes.plan': 'invalid_choice',
        'attributes.website': 'invalid_link',
        consent: 'required',
      });
      // Only http(s) addresses are links.
      expect(
        await problems(preChat(v, { name: 'Li', team: teams.sales, consent: true, attributes: { website: 'ftp://files.example.com' }, message: 'x' })),
      ).toEqual({ 'attributes.website': 'invalid_link' });
      expect(await conversationsOf(v)).toEqual([]);
    });

    it('stores the values on the visitor’s own contact by type, the team on the conversation, and the consent with the text shown and the time', async () => {
      const v = await newVisitor();
      const r = await preChat(v, {
        clientId: 'pre-once',
        name: 'Jonas Weber',
        email: 'jonas@example.de',
        phone: '+49 30 1234567',
        team: teams.billing,
        consent: true,
        attributes: { seats: 12, renewal: '2026-03-01', plan: 'Pro', newsletter: true, website: 'https://weber.example.de' },
        message: 'Meine Rechnung stimmt nicht',
        language: 'de',
      });
      expect(r.conversation).toMatchObject({ teamId: teams.billing, awaitingEmailReply: false, contact: { name: 'Jonas Weber' } });
      const contact = await contactOf(v);
      expect(contact).toMatchObject({
        name: 'Jonas Weber',
        email: 'jonas@example.de',
        phone: '+49 30 1234567',
        verified: false,
        attributes: { seats: 12, renewal: '2026-03-01', plan: 'Pro', newsletter: true, website: 'https://weber.example.de/' },
        consent: {
          text: 'Ich bin einverstanden, dass meine Angaben gespeichert werden.',
          language: 'de',
          givenAt: clock.now(),
          conversationId: r.conversation.id,
        },
      });
      // Sent again (a double click, a retry): the same conversation, and the consent is recorded once.
      const again = await preChat(v, { clientId: 'pre-once', name: 'Jonas Weber', team: teams.billing, consent: true, message: 'Meine Rechnung stimmt nicht' });
      expect(again.duplicate).toBe(true);
      expect(again.conversation.id).toBe(r.conversation.id);
      const consents = await handle.db.selectFrom('contact_consents').selectAll().where('visitor_id', '=', v.id).execute();
      expect(consents).toHaveLength(1);
    });

    it('asks a visitor the website vouched for nothing of their name and email, and never changes them', async () => {
      const secret = `ids_${tag}_secret`;
      await storeIdentitySecret(handle.db, ws.workspaceId, ws.inbox.id, secret, clock.now());
      const s = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
      const hash = createHmac('sha256', secret).update(`user-${tag}`).digest('hex');
      await identifyVisitor(ctx, { visitor: s.visitor, input: { id: `user-${tag}`, hash, name: 'Maya Site', email: `maya-${tag}@site.example` } });
      const v = await authenticateVisitor(ctx, ws.inbox.websiteKey, s.visitorToken);
      expect(v.verifiedContactId).not.toBeNull();
      await preChat(v, { name: 'Someone Else', email: 'else@example.com', phone: '+44 20 7946 0000', team: teams.sales, consent: true, message: 'Hi' });
      expect(await contactOf(v)).toMatchObject({ name: 'Maya Site', email: `maya-${tag}@site.example`, phone: '+44 20 7946 0000', verified: true });
    });

    it('takes the first message alone when the inbox has no pre-chat form (or turned it off since the widget drew it)', async () => {
      await setInbox({ preChat: { enabled: false, fields } });
      const v = await newVisitor();
      const r = await preChat(v, { message: 'Just a question', name: 'Ignored' });
      expect(r.conversation).toMatchObject({ teamId: null, contact: null });
      expect(await problems(preChat(v, { message: '' }))).toEqual({ message: 'required' });
      await setInbox({ preChat: { enabled: true, fields } });
    });
  });

  describe('the inbox’s form settings', () => {
    it('refuses a field naming an attribute or a team that does not exist, next to it', async () => {
      const err = await setInbox({
        preChat: {
          enabled: true,
          fields: [
            { type: 'attribute', key: 'shoe_size', required: false },
            { type: 'team', required: false, choices: [{ teamId: 'no-such-team', label: 'Nobody' }] },
          ],
        },
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).details).toEqual([
        expect.objectContaining({ path: 'settings.preChat.fields.0.key' }),
        expect.objectContaining({ path: 'settings.preChat.fields.1.choices.0.teamId' }),
      ]);
    });
  });
});
