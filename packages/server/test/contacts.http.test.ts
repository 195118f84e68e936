/**
 * Contacts over HTTP and live: refused fields explained in words, attribute
 * definitions, a merged contact answering with a redirect to the survivor,
 * a CSV with bad rows reported row by row with nothing written, then its
 * valid rows imported with progress on the operator's connection, a change
 * reaching consoles at once, and CSV exports safe from spreadsheet formulas.
 */
import type { ContactDetailDto, ContactImportDto } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { contactDetailSchema, importSchema } from '../src/contact/contact.schemas.js';

let s: TestServer;
let owner: string;
let console1: TestClient;
let vip: string;

type Problem = { path: string; message: string };
type Refusal = { error: { code: string; message: string; details: Problem[] } };

beforeAll(async () => {
  s = await startTestServer();
  owner = await login(s.url);
  console1 = operatorClient(s.wsUrl, owner);
  await console1.waitFor('welcome');
  vip = (await api<{ id: string }>(s.url, '/api/v1/labels', { token: owner, body: { name: 'VIP', color: '#aa0000' } })).body.id;
  for (const body of [
    { key: 'plan', label: 'Plan', type: 'list', options: ['Free', 'Pro'] },
    { key: 'seats', label: 'Seats', type: 'number' },
    { key: 'renewal', label: 'Renewal', type: 'date' },
    { key: 'beta', label: 'Beta tester', type: 'boolean' },
    { key: 'crm', label: 'CRM page', type: 'link' },
  ]) {
    const r = await api(s.url, '/api/v1/contact-attributes', { token: owner, body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
});
afterAll(async () => {
  console1?.close();
  await s?.close();
});

const create = (body: Record<string, unknown>) => api<ContactDetailDto & Refusal>(s.url, '/api/v1/contacts', { token: owner, body });
const messages = (r: { body: Refusal }) => Object.fromEntries(r.body.error.details.map((d) => [d.path, d.message]));

async function upload(csv: string, name = 'contacts.csv') {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), name);
  const r = await fetch(`${s.url}/api/v1/contact-imports`, { method: 'POST', headers: { authorization: `Bearer ${owner}` }, body: form });
  return { status: r.status, body: (await r.json()) as { import: ContactImportDto; headers: string[]; suggested: string[]; sample: string[][] } & Refusal };
}

/** The file as sent: `bom` when it starts with the UTF-8 byte order mark, `text` after it. */
async function csvOf(path: string): Promise<{ status: number; type: string | null; bom: boolean; text: string }> {
  const r = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${owner}` } });
  const bytes = Buffer.from(await r.arrayBuffer());
  const bom = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
  return { status: r.status, type: r.headers.get('content-type'), bom, text: bytes.subarray(bom ? 3 : 0).toString('utf8') };
}

describe('contacts over HTTP', () => {
  it('refuses bad fields, each with its reason in words, and writes nothing', async () => {
    const r = await create({ name: 'Bad One', email: 'not-an-email', phone: 'call me', avatarUrl: 'javascript:alert(1)' });
    expect(r.status).toBe(400);
    expect(messages(r)).toEqual({
      email: 'Enter an email address such as name@example.com',
      phone: 'Enter a phone number: digits, spaces and + ( ) - . / only',
      avatarUrl: 'Enter a full address starting with https:// (or http://)',
    });
    const values = await create({ name: 'Typed', attributes: { plan: 'Gold', seats: 'ten', renewal: '2025-02-30', beta: 'yes', crm: 'ftp://x', nope: 1 } });
    expect(values.status).toBe(400);
    expect(messages(values)).toEqual({
      'attributes.plan': 'Plan: Choose one of: Free, Pro',
      'attributes.seats': 'Seats: Enter a number',
      'attributes.renewal': 'Renewal: Enter a date such as 2025-11-25',
      'attributes.beta': 'Beta tester: Choose yes or no (true or false)',
      'attributes.crm': 'CRM page: Enter a full address starting with https:// (or http://)',
      'attributes.nope': 'No contact attribute with the key nope',
    });
    const list = await api<{ items: ContactDetailDto[] }>(s.url, '/api/v1/contacts?q=typed', { token: owner });
    expect(list.body.items).toEqual([]);
  });

  it('creates, changes only what a PATCH names, clears an attribute with null, and answers with the schema', async () => {
    const r = await create({ name: 'Noor Haddad', email: 'Noor@Example.com', company: 'Globex', attributes: { plan: 'pro', seats: 3, beta: true } });
    expect(r.status).toBe(201);
    expect(contactDetailSchema.parse(r.body)).toMatchObject({ email: 'noor@example.com', attributes: { plan: 'Pro', seats: 3, beta: true }, avatarUrl: null });
    const p = await api<ContactDetailDto>(s.url, `/api/v1/contacts/${r.body.id}`, {
      method: 'PATCH',
      token: owner,
      body: { attributes: { seats: null, renewal: '2026-03-01' } },
    });
    expect(p.body).toMatchObject({ name: 'Noor Haddad', company: 'Globex', attributes: { plan: 'Pro', beta: true, renewal: '2026-03-01' } });
    expect(p.body.attributes).not.toHaveProperty('seats');
    const dup = await create({ name: 'Other Noor', email: 'noor@example.com' });
    expect(dup.status).toBe(409);
    expect(messages(dup).email).toContain('already has this email');
  });

  it('keeps an attribute’s key and type, and hides the values of a deleted one', async () => {
    const attrs = await api<{ items: { id: string; key: string }[] }>(s.url, '/api/v1/contact-attributes', { token: owner });
    const crm = attrs.body.items.find((x) => x.key === 'crm')!;
    const rekey = await api<Refusal>(s.url, `/api/v1/contact-attributes/${crm.id}`, { method: 'PATCH', token: owner, body: { key: 'other' } });
    expect(rekey.status).toBe(400);
    const c = await create({ name: 'Link Holder', attributes: { crm: 'https://crm.example.com/42' } });
    expect(c.body.attributes).toEqual({ crm: 'https://crm.example.com/42' });
    expect((await api(s.url, `/api/v1/contact-attributes/${crm.id}`, { method: 'DELETE', token: owner })).status).toBe(204);
    expect((await api<ContactDetailDto>(s.url, `/api/v1/contacts/${c.body.id}`, { token: owner })).body.attributes).toEqual({});
    const again = await api(s.url, '/api/v1/contact-attributes', { token: owner, body: { key: 'crm', label: 'CRM id', type: 'number' } });
    expect(again.status).toBe(201);
    // The old text value is no number: still not shown.
    expect((await api<ContactDetailDto>(s.url, `/api/v1/contacts/${c.body.id}`, { token: owner })).body.attributes).toEqual({});
  });

  it('answers a merged contact with a redirect to the survivor', async () => {
    const keep = await create({ name: 'Kept' });
    const gone = await create({ name: 'Gone', phone: '+44 20 7946 0000' });
    const m = await api<ContactDetailDto>(s.url, `/api/v1/contacts/${keep.body.id}/merge`, { token: owner, body: { contactId: gone.body.id } });
    expect(m.status).toBe(200);
    expect(m.body).toMatchObject({ id: keep.body.id, phone: '+44 20 7946 0000' });
    for (const path of [`/api/v1/contacts/${gone.body.id}`, `/api/v1/contacts/${gone.body.id}/notes`]) {
      const r = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${owner}` }, redirect: 'manual' });
      expect(r.status).toBe(308);
      expect(r.headers.get('location')).toBe(path.replace(gone.body.id, keep.body.id));
      expect(await r.json()).toMatchObject({ error: { code: 'moved', details: { mergedInto: keep.body.id } } });
    }
    // A client that follows redirects simply gets the survivor.
    expect((await api<ContactDetailDto>(s.url, `/api/v1/contacts/${gone.body.id}`, { token: owner })).body.id).toBe(keep.body.id);
  });

  it('tells every console of a change: the contact, and its conversations with the new name', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const vc = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await vc.waitFor('welcome');
    const { conversationId } = await vc.client.send({ body: 'Hello there' });
    vc.close();
    const id = (
      await api<{ contactId: string }>(s.url, '/api/v1/widget/identify', {
        token: v.visitorToken,
        headers: { 'x-website-key': s.websiteKey },
        body: { name: 'Sam' },
      })
    ).body.contactId;
    await api(s.url, `/api/v1/contacts/${id}`, { method: 'PATCH', token: owner, body: { name: 'Samira Okafor' } });
    const frame = await console1.waitFor('contact', (f) => f.contact.id === id && f.contact.name === 'Samira Okafor');
    expect(frame).toMatchObject({ change: 'updated', mergedInto: null });
    await console1.waitFor('conversation', (f) => f.conversation.id === conversationId && f.conversation.contact?.name === 'Samira Okafor');
    const history = await api<{ items: { id: string }[] }>(s.url, `/api/v1/contacts/${id}/conversations`, { token: owner });
    expect(history.body.items.map((c) => c.id)).toEqual([conversationId]);
  });

  it('writes notes, newest first, as safe HTML', async () => {
    const c = await create({ name: 'Noted' });
    for (const body of ['First call', 'Second: <b>bold</b> **really**']) {
      expect((await api(s.url, `/api/v1/contacts/${c.body.id}/notes`, { token: owner, body: { body } })).status).toBe(201);
    }
    const notes = await api<{ items: { body: string; html: string; createdAt: number }[] }>(s.url, `/api/v1/contacts/${c.body.id}/notes`, {
      token: owner,
    });
    const [newest, oldest] = notes.body.items as [{ body: string; html: string; createdAt: number }, { body: string; createdAt: number }];
    expect([newest.body, oldest.body].sort()).toEqual(['First call', 'Second: <b>bold</b> **really**']);
    expect(newest.createdAt).toBeGreaterThanOrEqual(oldest.createdAt);
    const html = notes.body.items.find((n) => n.body.startsWith('Second'))!.html;
    expect(html).toContain('&lt;b&gt;');
    expect(html).toContain('<strong>really</strong>');
    const empty = await api<Refusal>(s.url, `/api/v1/contacts/${c.body.id}/notes`, { token: owner, body: { body: '   ' } });
    expect(messages(empty)).toEqual({ body: 'Write the note' });
  });
});

describe('CSV import', () => {
  const csv = [
    'Name,Email,Phone,Plan,Seats,Tags,Notes',
    'Ada Lovelace,ada@import.test,+44 20 1234,Pro,3,VIP,first',
    'Bad Email,not-an-email,,Free,2,,second',
    'Grace Hopper,grace@import.test,,Gold,many,Unknown,third',
    'Ada Again,ADA@import.test,,,,,fourth',
    ',,,,,,nothing here',
    'Linus,linus@import.test,,Free,1,,fifth',
  ].join('\n');

  it('shows the columns with a suggested mapping and the first rows', async () => {
    const up = await upload(csv);
    expect(up.status).toBe(201);
    expect(up.body.headers).toEqual(['Name', 'Email', 'Phone', 'Plan', 'Seats', 'Tags', 'Notes']);
    expect(up.body.suggested).toEqual(['name', 'email', 'phone', 'attribute:plan', 'attribute:seats', 'labels', 'skip']);
    expect(up.body.sample[0]).toEqual(['Ada Lovelace', 'ada@import.test', '+44 20 1234', 'Pro', '3', 'VIP', 'first']);
    expect(importSchema.parse(up.body.import)).toMatchObject({ status: 'uploaded', total: 6 });
  });

  it('reports each bad row with its column and reason, and writes nothing until told; then imports the valid rows with progress', async () => {
    const up = await upload(csv);
    const check = await api<{
      report: { valid: number; refused: number; creates: number; problems: { row: number; column: string | null; message: string }[] };
    }>(s.url, `/api/v1/contact-imports/${up.body.import.id}/check`, { token: owner, body: { mapping: up.body.suggested } });
    expect(check.status).toBe(200);
    expect(check.body.report).toMatchObject({ valid: 2, refused: 4, creates: 2 });
    expect(check.body.report.problems).toEqual([
      { row: 3, column: 'Email', message: 'Enter an email address such as name@example.com' },
      { row: 4, column: 'Plan', message: 'Plan: Choose one of: Free, Pro' },
      { row: 4, column: 'Seats', message: 'Seats: Enter a number such as 1250 or 12.5' },
      { row: 4, column: 'Tags', message: 'No label named Unknown: create it in Settings → Labels first' },
      { row: 5, column: 'Email', message: 'This email is also on row 2: a contact is imported once' },
      { row: 6, column: null, message: 'The row has no name, email, phone or company' },
    ]);
    expect((await api<{ items: unknown[] }>(s.url, '/api/v1/contacts?q=import.test', { token: owner })).body.items).toEqual([]);

    const started = await api<ContactImportDto>(s.url, `/api/v1/contact-imports/${up.body.import.id}/start`, { token: owner, body: {} });
    expect(started.body.status).toBe('queued');
    await s.app.ctx.jobs.runDue();
    const end = await console1.waitFor('contactImport', (f) => f.import.id === up.body.import.id && f.import.status === 'done');
    expect(end.import).toMatchObject({ total: 6, done: 6, created: 2, updated: 0, refused: 4 });
    expect(end.import.problems).toHaveLength(6);
    expect(console1.frames.some((f) => f.type === 'contactImport' && f.import.id === up.body.import.id && f.import.status === 'running')).toBe(true);
    const list = await api<{ items: ContactDetailDto[] }>(s.url, '/api/v1/contacts?q=import.test&sort=name', { token: owner });
    expect(list.body.items.map((c) => [c.name, c.email, c.attributes, c.labels])).toEqual([
      ['Ada Lovelace', 'ada@import.test', { plan: 'Pro', seats: 3 }, [vip]],
      ['Linus', 'linus@import.test', { plan: 'Free', seats: 1 }, []],
    ]);
  });

  it('updates the contact with the same email, and refuses files it cannot read', async () => {
    const up = await upload('email,company\nlinus@import.test,Transmeta\n');
    await api(s.url, `/api/v1/contact-imports/${up.body.import.id}/check`, { token: owner, body: { mapping: ['email', 'company'] } });
    await api(s.url, `/api/v1/contact-imports/${up.body.import.id}/start`, { token: owner, body: {} });
    await s.app.ctx.jobs.runDue();
    expect((await api<ContactImportDto>(s.url, `/api/v1/contact-imports/${up.body.import.id}`, { token: owner })).body).toMatchObject({
      status: 'done',
      updated: 1,
    });
    const linus = await api<{ items: ContactDetailDto[] }>(s.url, '/api/v1/contacts?q=linus@import.test', { token: owner });
    expect(linus.body.items[0]).toMatchObject({ name: 'Linus', company: 'Transmeta', attributes: { plan: 'Free', seats: 1 } });

    const broken = await upload('name,email\n"unclosed,x@y.test\n');
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/^Row \d+: This is not a CSV file we can read/);
    const latin1 = new FormData();
    latin1.append('file', new Blob([new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65])]), 'latin1.csv');
    const r = await fetch(`${s.url}/api/v1/contact-imports`, { method: 'POST', headers: { authorization: `Bearer ${owner}` }, body: latin1 });
    expect(r.status).toBe(400);
    expect(((await r.json()) as Refusal).error.message).toContain('CSV UTF-8');
    const bad = await upload('name\nx\n');
    const two = await api<Refusal>(s.url, `/api/v1/contact-imports/${bad.body.import.id}/check`, { token: owner, body: { mapping: ['email', 'name'] } });
    expect(two.body.error.message).toBe('Give one choice per column: the file has 1');
  });
});

describe('CSV exports', () => {
  it('exports the filtered contacts, with formulas made harmless', async () => {
    await create({ name: '=HYPERLINK("https://evil.example","click")', email: 'formula@export.test', company: '+Evil', attributes: { plan: 'Pro' } });
    await create({ name: 'Plain Person', email: 'plain@export.test', company: 'Evil', attributes: { plan: 'Free' } });
    const r = await csvOf('/api/v1/contacts/export?q=export.test&attribute=plan&value=Pro');
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/csv; charset=utf-8');
    expect(r.bom).toBe(true);
    const lines = r.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,name,email,phone,company,avatar,labels,created_at,last_seen_at,plan,seats,renewal,beta,crm');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")",formula@export.test,,'+Evil,`);
    expect(lines[1]).toMatch(/,Pro,,,,$/);
  });

  it('reads its own export back: importing it changes nothing', async () => {
    const exported = await csvOf('/api/v1/contacts/export?q=export.test');
    const up = await upload(exported.text, 'export.csv');
    expect(up.body.suggested.slice(0, 7)).toEqual(['skip', 'name', 'email', 'phone', 'company', 'avatar', 'labels']);
    const check = await api<{ report: { rows: number; unchanged: number; creates: number; updates: number; refused: number } }>(
      s.url,
      `/api/v1/contact-imports/${up.body.import.id}/check`,
      { token: owner, body: { mapping: up.body.suggested } },
    );
    expect(check.body.report).toMatchObject({ rows: 2, unchanged: 2, creates: 0, updates: 0, refused: 0 });
  });

  it('exports conversations one row each, filtered like the inbox, with response times', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    await api(s.url, '/api/v1/widget/identify', {
      token: v.visitorToken,
      headers: { 'x-website-key': s.websiteKey },
      body: { name: '@Mallory', email: 'mallory@export.test' },
    });
    const vc = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await vc.waitFor('welcome');
    const { conversationId } = await vc.client.send({ body: 'Where is my order?' });
    vc.close();
    await api(s.url, `/api/v1/conversations/${conversationId}/messages`, { token: owner, body: { body: 'On its way' } });
    await api(s.url, `/api/v1/conversations/${conversationId}/labels`, { token: owner, body: { add: [vip] } });
    await api(s.url, `/api/v1/conversations/${conversationId}/status`, { token: owner, body: { status: 'resolved' } });
    const r = await csvOf(`/api/v1/conversations/export?view=resolved&label=${vip}`);
    expect(r.status).toBe(200);
    expect(r.bom).toBe(true);
    const [header, ...rows] = r.text.trim().split('\r\n');
    expect(header).toBe(
      'conversation_id,contact_id,contact_name,contact_email,inbox,status,assignee,operators,created_at,first_response_seconds,resolution_seconds,rating,labels,summary',
    );
    expect(rows).toHaveLength(1);
    const cells = rows[0]!.split(',');
    expect(cells[0]).toBe(conversationId);
    expect(cells[2]).toBe("'@Mallory");
    expect(cells[3]).toBe('mallory@export.test');
    expect(cells[5]).toBe('resolved');
    expect(cells[7]).toBe('Admin');
    expect(cells[8]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(Number(cells[9])).toBeGreaterThanOrEqual(0);
    expect(Number(cells[10])).toBeGreaterThanOrEqual(0);
    expect(cells[12]).toBe('VIP');
    expect((await csvOf('/api/v1/conversations/export?view=all&status=open')).text).not.toContain(conversationId);
  });
});
