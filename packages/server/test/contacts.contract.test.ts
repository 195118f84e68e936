/**
 * Contacts behave the same on every storage backend (SQLite always,
 * PostgreSQL when reachable; required in CI): workspaces kept apart, every
 * order paged by keyset without a gap or a repeat, a merge that keeps
 * everything of both, and a CSV import that is all or nothing (a failure
 * midway or a cancel shows nothing of it; a retry finishes it once).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContactDetailDto } from '@switchboard/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { createAttribute } from '../src/contact/contact-attribute.service.js';
import { setContactLabels } from '../src/contact/contact-labels.js';
import { addContactNote, listContactNotes } from '../src/contact/contact-notes.js';
import { contactConversations, createContact, getContact, listContacts, updateContact } from '../src/contact/contact.service.js';
import type { ContactSort } from '../src/contact/contact.js';
import { CHUNK_ROWS, importFaults, importLimits } from '../src/contact/import/import-job.js';
import { cancelImport, checkImport, getImport, startImport, uploadImport } from '../src/contact/import/import.service.js';
import { mergeContacts } from '../src/contact/merge-contacts.js';
import type { Context } from '../src/context.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { createLabel } from '../src/label/label.service.js';
import { sendMessage } from '../src/message/message.service.js';
import type { Operator } from '../src/operator/operator.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { identifyVisitor } from '../src/identity/identify-visitor.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

describe.each(BACKENDS.filter((b) => b.name !== 'sqlite with the set-based writer'))('contacts on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let a: NewWorkspace;
  let b: NewWorkspace;
  let vip: string;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-contacts-contract-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath));
    a = await createWorkspace(ctx, { name: 'A', ownerEmail: `ka-${tag}@x.test`, ownerName: 'Ann', ownerPassword: 'password-a', inboxName: 'Web' });
    b = await createWorkspace(ctx, { name: 'B', ownerEmail: `kb-${tag}@x.test`, ownerName: 'Bob', ownerPassword: 'password-b', inboxName: 'Web' });
    await createAttribute(ctx, a.owner, { key: 'plan', label: 'Plan', type: 'list', options: ['Free', 'Pro'] });
    await createAttribute(ctx, a.owner, { key: 'seats', label: 'Seats', type: 'number', options: [] });
    await createAttribute(ctx, a.owner, { key: 'renewal', label: 'Renewal', type: 'date', options: [] });
    vip = (await createLabel(ctx, a.owner, { name: 'VIP', color: '#aa0000' })).id;
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    importFaults.afterChunk = null;
    importLimits.atomicUpdates = 5000;
  });

  /** A visitor who wrote and said who they are: their contact, with one conversation. */
  async function visitorContact(ws: NewWorkspace, name: string, email: string): Promise<{ contactId: string; conversationId: string }> {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
    const sent = await sendMessage(ctx, {
      workspaceId: ws.workspaceId,
      visitor,
      author: { kind: 'visitor', id: visitor.id, name: null },
      clientId: 'c1',
      body: `Hi, ${name} here`,
    });
    const { contactId } = await identifyVisitor(ctx, { visitor, input: { name, email } });
    return { contactId, conversationId: sent.message.conversationId };
  }

  const allPages = async (actor: Operator, sort: ContactSort, extra: { q?: string; company?: string } = {}): Promise<ContactDetailDto[]> => {
    const out: ContactDetailDto[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await listContacts(ctx, actor, { sort, limit: 7, ...extra, ...(cursor ? { cursor } : {}) });
      out.push(...page.items);
      if (!page.nextCursor) return out;
      cursor = page.nextCursor;
    }
    throw new Error('paging never ended');
  };

  it('keeps workspaces apart', async () => {
    const { contactId } = await visitorContact(b, 'Bea Secret', `bea-${tag}@b.test`);
    await expect(getContact(ctx, a.owner, contactId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(updateContact(ctx, a.owner, contactId, { name: 'Taken' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(addContactNote(ctx, a.owner, contactId, 'Sneaky')).rejects.toMatchObject({ code: 'not_found' });
    expect((await listContacts(ctx, a.owner, { sort: 'updated', limit: 100, q: 'secret' })).items).toEqual([]);
    const mine = await createContact(ctx, a.owner, { name: 'Ana Own' });
    await expect(mergeContacts(ctx, { actor: a.owner, intoId: mine.id, fromId: contactId })).rejects.toMatchObject({ code: 'not_found' });
    expect((await getContact(ctx, b.owner, contactId)).name).toBe('Bea Secret');
  });

  it('pages every order by keyset, without a gap or a repeat', async () => {
    const people = Array.from({ length: 23 }, (_, i) => ({
      name: `Pager ${String.fromCharCode(65 + ((i * 7) % 23))}${i}`,
      company: i % 3 === 0 ? 'Globex' : 'Initech',
      lastSeen: i % 4 === 0 ? null : 1_700_000_000_000 + ((i * 37) % 11) * 1000,
    }));
    const ids: string[] = [];
    for (const p of people) {
      const c = await createContact(ctx, a.owner, { name: p.name, company: p.company });
      ids.push(c.id);
      if (p.lastSeen !== null) await handle.db.updateTable('contacts').set({ last_seen_at: p.lastSeen }).where('id', '=', c.id).execute();
    }
    for (const sort of ['name', 'created', 'updated', 'last_seen'] as const) {
      const got = (await allPages(a.owner, sort, { q: 'pager' })).map((c) => c.id);
      expect(new Set(got).size, sort).toBe(23);
      expect(got.sort(), sort).toEqual([...ids].sort());
    }
    const byName = await allPages(a.owner, 'name', { q: 'pager' });
    expect(byName.map((c) => c.name)).toEqual([...people.map((p) => p.name)].sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? -1 : 1)));
    const bySeen = await allPages(a.owner, 'last_seen', { q: 'pager' });
    const seen = bySeen.map((c) => c.lastSeenAt);
    // Newest first, never seen last.
    expect(seen).toEqual([...seen].sort((x, y) => (x === null ? 1 : y === null ? -1 : y - x)));
    expect(seen.slice(-6).every((s) => s === null)).toBe(true);
    expect((await allPages(a.owner, 'updated', { q: 'pager', company: 'GLOBEX' })).length).toBe(8);
  });

  it('finds contacts by name, email, phone or company, whatever the case and accents', async () => {
    const c = await createContact(ctx, a.owner, { name: 'Émilie Durand', email: `emilie-${tag}@acme.test`, phone: '+33 6 12 34 56 78', company: 'Acmé' });
    const find = async (q: string) => (await listContacts(ctx, a.owner, { sort: 'updated', limit: 50, q })).items.map((x) => x.id);
    for (const q of ['emilie', 'DURAND', `EMILIE-${tag}`, '0612345678'.slice(1), '+33 6 12', 'acme', 'émilie durand']) expect(await find(q), q).toContain(c.id);
    expect(await find('émilie dupont')).not.toContain(c.id);
    expect(await find('100%')).toEqual([]);
  });

  it('keeps the search and sort keys of contacts other code writes', async () => {
    // As code outside the contact module might: the fields alone, no keys.
    const id = `raw${tag.replace(/-/g, '')}`;
    await handle.db
      .insertInto('contacts')
      .values({
        id,
        workspace_id: a.workspaceId,
        name: 'Rawley Written',
        email: 'rawley@example.test',
        phone: '+1 (555) 010-9999',
        created_at: 1,
        updated_at: 1,
      })
      .execute();
    const find = async (q: string) => (await listContacts(ctx, a.owner, { sort: 'updated', limit: 50, q })).items.map((x) => x.id);
    for (const q of ['rawley', 'WRITTEN', '5550109999', '555 010']) expect(await find(q), q).toContain(id);
    await handle.db.updateTable('contacts').set({ name: 'Quentin Renamed', company: 'Initech' }).where('id', '=', id).execute();
    expect(await find('quentin')).toContain(id);
    expect(await find('rawley written')).not.toContain(id);
    const row = await handle.db.selectFrom('contacts').select(['sort_name', 'company_key']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ sort_name: 'quentin renamed', company_key: 'initech' });
  });

  it('filters by an attribute’s value, typed', async () => {
    const pro = await createContact(ctx, a.owner, { name: 'Pro Person', attributes: { plan: 'pro', seats: 12, renewal: '2026-01-31' } });
    const free = await createContact(ctx, a.owner, { name: 'Free Person', attributes: { plan: 'Free', seats: 2 } });
    expect(pro.attributes).toEqual({ plan: 'Pro', seats: 12, renewal: '2026-01-31' });
    const by = async (attribute: string, value: string) =>
      (await listContacts(ctx, a.owner, { sort: 'updated', limit: 100, attribute, value })).items.map((x) => x.id);
    expect(await by('plan', 'Pro')).toEqual([pro.id]);
    expect(await by('seats', '2')).toEqual([free.id]);
    expect(await by('renewal', '2026-01-31')).toEqual([pro.id]);
    await expect(by('seats', 'many')).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('merges two contacts keeping everything of both; the other redirects to the survivor', async () => {
    const one = await visitorContact(a, 'Maya', `maya-${tag}@a.test`);
    const two = await visitorContact(a, 'Maya Chen', `maya.chen-${tag}@a.test`);
    await updateContact(ctx, a.owner, one.contactId, { attributes: { plan: 'Free' } });
    await updateContact(ctx, a.owner, two.contactId, { phone: '+1 555 0100', company: 'Acme', attributes: { plan: 'Pro', seats: 5 } });
    await setContactLabels(ctx, { actor: a.owner, contactId: two.contactId, add: [vip], remove: [] });
    await addContactNote(ctx, a.owner, one.contactId, 'Called about the invoice');
    await addContactNote(ctx, a.owner, two.contactId, 'Prefers email');
    const third = await createContact(ctx, a.owner, { name: 'Old duplicate' });
    await mergeContacts(ctx, { actor: a.owner, intoId: two.contactId, fromId: third.id });

    const merged = await mergeContacts(ctx, { actor: a.owner, intoId: one.contactId, fromId: two.contactId });
    expect(merged).toMatchObject({
      id: one.contactId,
      name: 'Maya',
      email: `maya-${tag}@a.test`,
      phone: '+1 555 0100',
      company: 'Acme',
      attributes: { plan: 'Free', seats: 5 },
      labels: [vip],
      counts: { conversations: 2, notes: 2 },
    });
    const history = await contactConversations(ctx, a.owner, one.contactId, { limit: 10 });
    expect(history.items.map((c) => c.id).sort()).toEqual([one.conversationId, two.conversationId].sort());
    const notes = (await listContactNotes(ctx, a.owner, one.contactId, { limit: 10 })).items;
    expect(notes.map((n) => n.body).sort()).toEqual(['Called about the invoice', 'Prefers email']);
    expect(notes[0]!.createdAt).toBeGreaterThanOrEqual(notes[1]!.createdAt);
    const visitors = await handle.db
      .selectFrom('visitors')
      .select('contact_id')
      .where('workspace_id', '=', a.workspaceId)
      .where('contact_id', 'in', [one.contactId, two.contactId])
      .execute();
    expect(visitors.map((v) => v.contact_id)).toEqual([one.contactId, one.contactId]);
    // Both the other one and the one merged into it before answer with the survivor.
    for (const id of [two.contactId, third.id])
      await expect(getContact(ctx, a.owner, id)).rejects.toMatchObject({ code: 'moved', details: { mergedInto: one.contactId } });
    expect((await listContacts(ctx, a.owner, { sort: 'updated', limit: 100, q: 'maya' })).items.map((c) => c.id)).toEqual([one.contactId]);
  });

  it('refuses to merge two contacts the website vouched for as different people', async () => {
    const x = await createContact(ctx, a.owner, { name: 'X' });
    const y = await createContact(ctx, a.owner, { name: 'Y' });
    await handle.db.updateTable('contacts').set({ external_id: 'user-1', verified_at: 1 }).where('id', '=', x.id).execute();
    await handle.db.updateTable('contacts').set({ external_id: 'user-2', verified_at: 1 }).where('id', '=', y.id).execute();
    await expect(mergeContacts(ctx, { actor: a.owner, intoId: x.id, fromId: y.id })).rejects.toMatchObject({ code: 'conflict' });
    expect((await getContact(ctx, a.owner, y.id)).externalId).toBe('user-2');
    // One vouched for, one not: the survivor takes the identity.
    const z = await createContact(ctx, a.owner, { name: 'Z' });
    expect(await mergeContacts(ctx, { actor: a.owner, intoId: z.id, fromId: y.id })).toMatchObject({ externalId: 'user-2', verified: true });
  });

  const csvOf = (n: number, prefix: string) =>
    `Full name,E-mail,Plan,Labels\n${Array.from({ length: n }, (_, i) => `Person ${i},${prefix}${i}@import.test,${i % 2 ? 'Pro' : 'Free'},VIP`).join('\n')}\n`;
  const count = async (q: string) => {
    const r = await handle.db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', a.workspaceId)
      .where('email', 'like', `${q}%`)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const visible = async (q: string) => (await listContacts(ctx, a.owner, { sort: 'updated', limit: 100, q })).items.length;

  it('imports all or nothing: a failure midway shows nothing of it, and a retry finishes it once', async () => {
    const existing = await createContact(ctx, a.owner, { name: 'Before Import', email: `fail-${tag}-3@import.test` });
    const up = await uploadImport(ctx, a.owner, { name: 'people.csv', text: csvOf(1200, `fail-${tag}-`) });
    expect(up.suggested).toEqual(['name', 'email', 'attribute:plan', 'labels']);
    const checked = await checkImport(ctx, a.owner, up.import.id, up.suggested);
    expect(checked.report).toMatchObject({ rows: 1200, valid: 1200, creates: 1199, updates: 1, refused: 0 });
    importFaults.afterChunk = (_id, chunk) => {
      // After 1,000 rows staged (chunks are 250 rows on SQLite, 1,000 on PostgreSQL).
      if (chunk * CHUNK_ROWS[ctx.dbKind] === 1000) throw new Error('the disk is full');
    };
    await startImport(ctx, a.owner, up.import.id);
    await ctx.jobs.runDue();
    expect(await getImport(ctx, a.owner, up.import.id)).toMatchObject({ status: 'failed', done: 1000 });
    // Staged, but nothing of it shows: not in the list, not by id, the existing contact as it was.
    expect(await count(`fail-${tag}-`)).toBeGreaterThan(900);
    expect(await visible(`fail-${tag}-`)).toBe(1);
    const staged = await handle.db.selectFrom('contacts').select('id').where('email', '=', `fail-${tag}-7@import.test`).executeTakeFirstOrThrow();
    await expect(getContact(ctx, a.owner, staged.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await getContact(ctx, a.owner, existing.id)).toMatchObject({ name: 'Before Import', attributes: {}, labels: [] });
    expect((await listContacts(ctx, a.owner, { sort: 'updated', limit: 100, label: vip, q: `fail-${tag}` })).items).toEqual([]);

    importFaults.afterChunk = null;
    await startImport(ctx, a.owner, up.import.id);
    await ctx.jobs.runDue();
    expect(await getImport(ctx, a.owner, up.import.id)).toMatchObject({ status: 'done', done: 1200, created: 1199, updated: 1, refused: 0 });
    expect(await count(`fail-${tag}-`)).toBe(1200);
    expect(await getContact(ctx, a.owner, existing.id)).toMatchObject({ name: 'Person 3', attributes: { plan: 'Pro' }, labels: [vip] });
    const labelled = await listContacts(ctx, a.owner, { sort: 'name', limit: 100, label: vip, q: 'person 11' });
    expect(labelled.items.map((c) => c.email)).toContain(`fail-${tag}-11@import.test`);
    // The clean-up leaves every contact visible without the import's mark.
    await ctx.jobs.runDue();
    expect(await handle.db.selectFrom('contacts').select('id').where('import_id', 'is not', null).execute()).toEqual([]);
    expect(await count(`fail-${tag}-`)).toBe(1200);
  });

  it('applies many changes to existing contacts after the commit point, every one', async () => {
    const run = async (text: string) => {
      const up = await uploadImport(ctx, a.owner, { name: 'people.csv', text });
      await checkImport(ctx, a.owner, up.import.id, up.suggested);
      await startImport(ctx, a.owner, up.import.id);
      await ctx.jobs.runDue();
      return getImport(ctx, a.owner, up.import.id);
    };
    const rows = (company: string) =>
      `name,email,company\n${Array.from({ length: 30 }, (_, i) => `Roll ${i},roll-${tag}-${i}@import.test,${company}`).join('\n')}\n`;
    expect(await run(rows('Acme'))).toMatchObject({ status: 'done', created: 30 });
    importLimits.atomicUpdates = 10;
    expect(await run(rows('Globex'))).toMatchObject({ status: 'done', updated: 30 });
    const companies = await handle.db.selectFrom('contacts').select('company').where('email', 'like', `roll-${tag}-%`).execute();
    expect(companies.map((c) => c.company)).toEqual(Array(30).fill('Globex'));
    expect(await handle.db.selectFrom('contact_import_updates').select('contact_id').execute()).toEqual([]);
  });

  it('leaves nothing of an import cancelled midway', async () => {
    const up = await uploadImport(ctx, a.owner, { name: 'people.csv', text: csvOf(1100, `cancel-${tag}-`) });
    await checkImport(ctx, a.owner, up.import.id, up.suggested);
    importFaults.afterChunk = async (id, chunk) => {
      if (chunk === 1) await cancelImport(ctx, a.owner, id);
    };
    await startImport(ctx, a.owner, up.import.id);
    await ctx.jobs.runDue();
    expect(await getImport(ctx, a.owner, up.import.id)).toMatchObject({ status: 'cancelled' });
    expect(await visible(`cancel-${tag}-`)).toBe(0);
    await ctx.jobs.runDue();
    expect(await count(`cancel-${tag}-`)).toBe(0);
  });
});
