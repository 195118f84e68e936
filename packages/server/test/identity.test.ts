/**
 * Identity verification, over the HTTP API and the realtime protocol, on
 * SQLite and PostgreSQL: a visitor the website vouches for (a valid HMAC of
 * its user id under the inbox's identity secret) is that contact, with its
 * history on a second device through every path (history, uploads and
 * downloads, subscribe, send, read receipts, typing); a forged, missing or
 * stale hash keeps what the page says unverified and apart, and shows
 * nothing of the contact's history.
 */
import { createHmac } from 'node:crypto';
import type { ConversationSummary, MessageDto } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { BACKENDS } from '../../../test/support/storage.js';

const hmac = (secret: string, id: string) => createHmac('sha256', secret).update(id).digest('hex');
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

interface Device {
  visitorId: string;
  token: string;
  headers: Record<string, string>;
}

interface Identified {
  contactId: string;
  verified: boolean;
  conversations: ConversationSummary[];
}

for (const backend of BACKENDS.filter((b) => b.name !== 'sqlite with the set-based writer')) {
  describe(`identity verification (${backend.name})`, () => {
    let s: TestServer;
    let cleanup: () => Promise<void>;
    let admin: string;
    let inboxId: string;
    let secret: string;
    const clients: TestClient[] = [];
    let n = 0;
    const uid = () => `user-${backend.name}-${++n}`;

    beforeAll(async () => {
      const opened = await backend.open();
      cleanup = async () => {
        await opened.handle.close();
        await opened.cleanup();
      };
      s = await startTestServer({ deps: { database: opened.handle } });
      admin = await login(s.url);
      inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.id;
      secret = (await api<{ secret: string }>(s.url, `/api/v1/inboxes/${inboxId}/identity-secret`, { token: admin, body: {} })).body.secret;
    });
    afterAll(async () => {
      for (const c of clients) c.close();
      await s?.close();
      await cleanup?.();
    });

    async function device(): Promise<Device> {
      const v = await newVisitor(s.url, s.websiteKey);
      return { visitorId: v.visitorId, token: v.visitorToken, headers: { authorization: `Bearer ${v.visitorToken}`, 'x-website-key': s.websiteKey } };
    }
    const identify = (d: Device, body: Record<string, unknown>) =>
      api<Identified>(s.url, '/api/v1/widget/identify', { token: d.token, headers: { 'x-website-key': s.websiteKey }, body });
    const listed = async (d: Device) =>
      (await api<{ items: ConversationSummary[] }>(s.url, '/api/v1/widget/conversations', { token: d.token, headers: { 'x-website-key': s.websiteKey } })).body
        .items;
    const history = (d: Device, conversationId: string) =>
      api<{ messages: MessageDto[] }>(s.url, `/api/v1/widget/conversations/${conversationId}/messages`, {
        token: d.token,
        headers: { 'x-website-key': s.websiteKey },
      });
    const session = (d: Device) =>
      api<{ verified: boolean; conversations: ConversationSummary[] }>(s.url, '/api/v1/widget/session', {
        body: { websiteKey: s.websiteKey, visitorToken: d.token },
      });
    const contact = async (id: string) =>
      (
        await api<{ name: string | null; email: string | null; externalId: string | null; verifiedAt: number | null; claimedId: string | null }>(
          s.url,
          `/api/v1/contacts/${id}`,
          { token: admin },
        )
      ).body;
    async function connect(d: Device): Promise<TestClient> {
      const c = visitorClient(s.wsUrl, s.websiteKey, d.token);
      clients.push(c);
      await c.waitFor('welcome');
      return c;
    }
    async function upload(d: Device, conversationId: string) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(png)]), 'receipt.png');
      const res = await fetch(`${s.url}/api/v1/widget/attachments?conversationId=${conversationId}`, { method: 'POST', headers: d.headers, body: form });
      return { status: res.status, body: (await res.json()) as { attachment: { id: string }; error?: { code: string } } };
    }
    const download = async (d: Device, attachmentId: string) => {
      const res = await fetch(`${s.url}/api/v1/attachments/${attachmentId}`, { headers: d.headers });
      await res.arrayBuffer();
      return res.status;
    };

    /** A device the site identified as `id` with a valid hash, with one conversation it started. */
    async function firstDevice(id: string, text: string) {
      const d = await device();
      const r = await identify(d, {
        id,
        name: 'Maya Chen',
        email: 'maya@example.com',
        attributes: { plan: 'pro', seats: 3, trial: false },
        hash: hmac(secret, id),
      });
      expect(r.status).toBe(200);
      expect(r.body.verified).toBe(true);
      const c = await connect(d);
      const ack = await c.client.send({ body: text });
      c.client.subscribe(ack.conversationId, 0);
      await c.waitFor('synced', (f) => f.conversationId === ack.conversationId);
      return { d, c, contactId: r.body.contactId, conversationId: ack.conversationId };
    }

    it('a valid hash makes the visitor that contact, verified, with what the site says', async () => {
      const id = uid();
      const first = await firstDevice(id, 'Where is my order?');
      expect(await contact(first.contactId)).toMatchObject({
        name: 'Maya Chen',
        email: 'maya@example.com',
        externalId: id,
        verifiedAt: expect.any(Number),
        claimedId: null,
      });
      const row = await s.app.ctx.db.selectFrom('contacts').select('attributes').where('id', '=', first.contactId).executeTakeFirstOrThrow();
      expect(JSON.parse(row.attributes)).toEqual({ plan: 'pro', seats: 3, trial: false });
      // The conversation started after identification is the contact's.
      const conv = await api<ConversationSummary>(s.url, `/api/v1/conversations/${first.conversationId}`, { token: admin });
      expect(conv.body.contact).toMatchObject({ id: first.contactId, name: 'Maya Chen', verifiedAt: expect.any(Number) });
    });

    it('a second device identified with a valid hash sees, reads, follows and writes into the first device’s conversation', async () => {
      const id = uid();
      const first = await firstDevice(id, 'My parcel never came');
      const up1 = await upload(first.d, first.conversationId);
      expect(up1.status).toBe(201);
      await first.c.client.send({ conversationId: first.conversationId, body: 'Here is the receipt', attachmentIds: [up1.body.attachment.id] });

      const second = await device();
      expect((await session(second)).body.conversations).toEqual([]);
      expect((await history(second, first.conversationId)).status).toBe(404);
      const r = await identify(second, { id, hash: hmac(secret, id) });
      expect(r.body).toMatchObject({ contactId: first.contactId, verified: true });
      expect(r.body.conversations.map((c) => c.id)).toEqual([first.conversationId]);
      expect((await listed(second)).map((c) => c.id)).toEqual([first.conversationId]);
      expect((await session(second)).body).toMatchObject({ verified: true, conversations: [{ id: first.conversationId }] });
      const h = await history(second, first.conversationId);
      expect(h.status).toBe(200);
      expect(h.body.messages.map((m) => m.body)).toEqual(['My parcel never came', 'Here is the receipt']);
      // Files: the first device's download, and an upload of the second's own into the conversation.
      expect(await download(second, up1.body.attachment.id)).toBe(200);
      const up2 = await upload(second, first.conversationId);
      expect(up2.status).toBe(201);

      const team = operatorClient(s.wsUrl, admin);
      clients.push(team);
      await team.waitFor('welcome');
      team.client.subscribe(first.conversationId);
      await team.waitFor('synced', (f) => f.conversationId === first.conversationId);

      // Realtime: this connection said hello before the second device was identified.
      const c2 = await connect(second);
      c2.client.subscribe(first.conversationId, 0);
      const synced = await c2.waitFor('synced', (f) => f.conversationId === first.conversationId);
      expect(synced.seq).toBe(2);
      expect(c2.messages(first.conversationId).map((m) => m.body)).toEqual(['My parcel never came', 'Here is the receipt']);
      const ack = await c2.client.send({ conversationId: first.conversationId, body: 'Sent from my phone', attachmentIds: [up2.body.attachment.id] });
      expect(ack.conversationId).toBe(first.conversationId);
      await first.c.waitFor('message', (f) => f.message.body === 'Sent from my phone');
      expect(await download(first.d, up2.body.attachment.id)).toBe(200);
      c2.client.sendVolatile({ type: 'typing', conversationId: first.conversationId, typing: true });
      await team.waitFor('typing', (f) => f.author.kind === 'visitor' && f.author.id === second.visitorId);
      c2.client.sendVolatile({ type: 'read', conversationId: first.conversationId, seq: ack.seq });
      await team.waitFor('read', (f) => f.reader === 'visitor' && f.seq === ack.seq);
    });

    it('a forged or missing hash keeps what the page says unverified, apart, and never shows the contact’s history', async () => {
      const id = uid();
      const first = await firstDevice(id, 'Private: my address is 12 Elm St');
      const up = await upload(first.d, first.conversationId);
      expect(up.status).toBe(201);
      for (const hash of [hmac('not the secret', id), hmac(secret, `${id}x`), 'f'.repeat(64), 'not hex at all', undefined]) {
        const intruder = await device();
        const r = await identify(intruder, { id, name: 'Mallory', email: 'mallory@example.com', ...(hash === undefined ? {} : { hash }) });
        // A wrong hash is answered exactly as no hash.
        expect(r.status).toBe(200);
        expect(Object.keys(r.body).sort()).toEqual(['contactId', 'conversations', 'verified']);
        expect(r.body.verified).toBe(false);
        expect(r.body.conversations).toEqual([]);
        expect(r.body.contactId).not.toBe(first.contactId);
        expect(await contact(r.body.contactId)).toMatchObject({ name: 'Mallory', externalId: null, verifiedAt: null, claimedId: id });
        expect(await listed(intruder)).toEqual([]);
        expect((await session(intruder)).body).toMatchObject({ verified: false, conversations: [] });
        expect((await history(intruder, first.conversationId)).status).toBe(404);
        expect(await download(intruder, up.body.attachment.id)).toBe(404);
        expect((await upload(intruder, first.conversationId)).status).toBe(404);
        const c = await connect(intruder);
        c.client.subscribe(first.conversationId, 0);
        expect((await c.waitFor('error')).code).toBe('not_found');
        await expect(c.client.send({ conversationId: first.conversationId, body: 'let me in' })).rejects.toMatchObject({ code: 'not_found' });
        c.client.sendVolatile({ type: 'typing', conversationId: first.conversationId, typing: true });
        c.client.sendVolatile({ type: 'read', conversationId: first.conversationId, seq: 1 });
        await c.waitFor('error', (f) => f.message.includes('Subscribe'));
        expect(c.messages(first.conversationId)).toEqual([]);
        c.close();
      }
      // The verified contact kept what the site said.
      expect(await contact(first.contactId)).toMatchObject({ name: 'Maya Chen', email: 'maya@example.com', externalId: id });
      expect((await history(first.d, first.conversationId)).body.messages.map((m) => m.body)).toEqual(['Private: my address is 12 Elm St']);
    });

    it('access follows the visitor’s own verification, not the contact their row carries', async () => {
      const id = uid();
      const first = await firstDevice(id, 'Only for Maya');
      const other = await device();
      const c = await connect(other);
      const mine = await c.client.send({ body: 'Hello from elsewhere' });
      // As an operator or a contact merge could: the unverified visitor and their conversation now point at the verified contact.
      await s.app.ctx.db.updateTable('visitors').set({ contact_id: first.contactId }).where('id', '=', other.visitorId).execute();
      await s.app.ctx.db.updateTable('conversations').set({ contact_id: first.contactId }).where('id', '=', mine.conversationId).execute();
      expect((await listed(other)).map((x) => x.id)).toEqual([mine.conversationId]);
      expect((await history(other, first.conversationId)).status).toBe(404);
      c.client.subscribe(first.conversationId, 0);
      expect((await c.waitFor('error')).code).toBe('not_found');
      await expect(c.client.send({ conversationId: first.conversationId, body: 'in?' })).rejects.toMatchObject({ code: 'not_found' });
      // The verified device sees the conversation attached to its contact: the operator said it is theirs.
      expect((await listed(first.d)).map((x) => x.id).sort()).toEqual([first.conversationId, mine.conversationId].sort());
    });

    it('a hash made with a rotated secret no longer verifies, and rotating ends the verifications made with the old one at once', async () => {
      const id = uid();
      const first = await firstDevice(id, 'Before the rotation');
      const second = await device();
      expect((await identify(second, { id, hash: hmac(secret, id) })).body.verified).toBe(true);
      const c2 = await connect(second);
      c2.client.subscribe(first.conversationId, 0);
      await c2.waitFor('synced', (f) => f.conversationId === first.conversationId);

      const old = secret;
      const rotated = await api<{ secret: string; unverifiedVisitors: number }>(s.url, `/api/v1/inboxes/${inboxId}/identity-secret`, {
        token: admin,
        body: {},
      });
      expect(rotated.status).toBe(201);
      secret = rotated.body.secret;
      expect(secret).not.toBe(old);
      expect(rotated.body.unverifiedVisitors).toBeGreaterThanOrEqual(2);

      // The second device's live connection stops following the contact's conversation.
      expect((await c2.waitFor('identity')).verified).toBe(false);
      c2.client.sendVolatile({ type: 'typing', conversationId: first.conversationId, typing: true });
      await c2.waitFor('error', (f) => f.message.includes('Subscribe'));
      expect((await history(second, first.conversationId)).status).toBe(404);
      expect(await listed(second)).toEqual([]);
      expect((await session(second)).body.verified).toBe(false);
      // The first device still has its own conversation (it is theirs), no longer as verified.
      expect((await listed(first.d)).map((x) => x.id)).toEqual([first.conversationId]);

      const stale = await identify(second, { id, hash: hmac(old, id) });
      expect(stale.body).toMatchObject({ verified: false, conversations: [] });
      expect(stale.body.contactId).not.toBe(first.contactId);
      const fresh = await identify(second, { id, hash: hmac(secret, id) });
      expect(fresh.body).toMatchObject({ verified: true, contactId: first.contactId });
      expect(fresh.body.conversations.map((x) => x.id)).toEqual([first.conversationId]);
    });

    it('consoles see the new name live, and the contact’s other devices hear of conversations that joined it', async () => {
      const id = uid();
      const phone = await device();
      expect((await identify(phone, { id, hash: hmac(secret, id) })).body.verified).toBe(true);
      const phoneLive = await connect(phone);
      const team = operatorClient(s.wsUrl, admin);
      clients.push(team);
      await team.waitFor('welcome');

      // A visitor chats anonymously on the laptop, then signs in on the site.
      const laptop = await device();
      const laptopLive = await connect(laptop);
      const ack = await laptopLive.client.send({ body: 'Anonymous question first' });
      const r = await identify(laptop, { id, name: 'Ines Duarte', hash: hmac(secret, id) });
      expect(r.body.verified).toBe(true);
      await team.waitFor('conversation', (f) => f.conversation.id === ack.conversationId && f.conversation.contact?.name === 'Ines Duarte');
      expect((await laptopLive.waitFor('identity')).verified).toBe(true);
      expect((await phoneLive.waitFor('identity')).verified).toBe(true);
      expect((await listed(phone)).map((x) => x.id)).toEqual([ack.conversationId]);
      // The same identification again changes nothing and tells nobody.
      const before = phoneLive.frames.length;
      expect((await identify(laptop, { id, name: 'Ines Duarte', hash: hmac(secret, id) })).body.verified).toBe(true);
      // Frames reach a connection in order: anything sent for that identification comes before this answer.
      phoneLive.client.subscribe(ack.conversationId, 0);
      await phoneLive.waitFor('synced', (f) => f.conversationId === ack.conversationId);
      expect(phoneLive.frames.slice(before).filter((f) => f.type === 'identity')).toEqual([]);
    });

    it('keeps a typed name or email on the visitor’s own contact, never on a verified one', async () => {
      const id = uid();
      const first = await firstDevice(id, 'Hello');
      // Data without a hash from a verified visitor does not change the contact the site vouches for.
      const typed = await identify(first.d, { name: 'Somebody Else', email: 'else@example.com' });
      expect(typed.body).toMatchObject({ verified: true, contactId: first.contactId });
      expect(await contact(first.contactId)).toMatchObject({ name: 'Maya Chen', email: 'maya@example.com' });
      // A claimed id without a valid hash: the page vouches for nobody now.
      const claimed = await identify(first.d, { id: 'someone-else', name: 'Claimed' });
      expect(claimed.body.verified).toBe(false);
      expect(claimed.body.contactId).not.toBe(first.contactId);
      expect(await contact(first.contactId)).toMatchObject({ name: 'Maya Chen', externalId: id });
      // The conversation made while verified stays the contact's; the visitor still has it as their own.
      expect((await listed(first.d)).map((x) => x.id)).toEqual([first.conversationId]);
    });

    it('refuses identities of the wrong shape, naming the field', async () => {
      const d = await device();
      const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
      for (const body of [{ id: 'x'.repeat(201) }, { id: 'u', attributes: many }, { id: 'u', attributes: { nested: { a: 1 } } }, { email: 'not an email' }]) {
        const r = await identify(d, body);
        expect(r.status).toBe(400);
        expect((r.body as unknown as { error: { code: string; details: { path: string }[] } }).error.code).toBe('validation_failed');
      }
    });
  });
}
