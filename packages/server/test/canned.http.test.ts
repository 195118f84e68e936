/** Teams and canned responses over HTTP: who sees and changes what, shortcut clashes, search, CSV import and export. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { cannedSchema } from '../src/canned/canned.js';
import { teamSchema } from '../src/team/team.js';

let s: TestServer;
const t = {} as Record<'owner' | 'admin' | 'ana' | 'ben', string>;
const id = {} as Record<'owner' | 'admin' | 'ana' | 'ben', string>;
let teamId: string;

type Canned = { id: string; shortcut: string; scope: string; canEdit: boolean; hiddenBy: string | null; title: string };

const create = (token: string, body: Record<string, unknown>) =>
  api<Canned & { error?: { code: string; message: string } }>(s.url, '/api/v1/canned-responses', { token, body });
const list = async (token: string) => (await api<{ items: Canned[] }>(s.url, '/api/v1/canned-responses', { token })).body.items;
const search = async (token: string, q: string) =>
  (await api<{ items: Canned[] }>(s.url, `/api/v1/canned-responses?q=${encodeURIComponent(q)}`, { token })).body.items.map((c) => c.shortcut);

async function upload(token: string, csv: string) {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'canned.csv');
  const r = await fetch(`${s.url}/api/v1/canned-responses/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return {
    status: r.status,
    body: (await r.json()) as {
      created?: number;
      updated?: number;
      unchanged?: number;
      error?: { message: string; details: { row: number; column: string | null; message: string }[] };
    },
  };
}

beforeAll(async () => {
  s = await startTestServer();
  t.owner = await login(s.url);
  for (const [who, role] of [
    ['admin', 'admin'],
    ['ana', 'operator'],
    ['ben', 'operator'],
  ] as const) {
    const email = `${who}-canned@example.com`;
    await api(s.url, '/api/v1/operators', {
      token: t.owner,
      body: { email, name: who === 'ana' ? 'Ana Lima' : who, role, password: 'lantern-orchard-basalt' },
    });
    t[who] = await login(s.url, { email, password: 'lantern-orchard-basalt' });
  }
  for (const who of ['owner', 'admin', 'ana', 'ben'] as const) id[who] = (await api<{ id: string }>(s.url, '/api/v1/auth/me', { token: t[who] })).body.id;
});
afterAll(() => s.close());

describe('teams', () => {
  it('are created, renamed and given members by admins, and listed for everyone', async () => {
    const made = await api<{ id: string }>(s.url, '/api/v1/teams', { token: t.admin, body: { name: 'Billing', memberIds: [id.ana] } });
    expect(made.status).toBe(201);
    teamId = made.body.id;
    expect((await api(s.url, '/api/v1/teams', { token: t.ana, body: { name: 'Mine' } })).status).toBe(403);
    const dup = await api<{ error: { code: string; details: { path: string }[] } }>(s.url, '/api/v1/teams', { token: t.owner, body: { name: 'billing' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0]?.path).toBe('name');
    const renamed = await api(s.url, `/api/v1/teams/${teamId}`, { method: 'PATCH', token: t.owner, body: { name: 'Billing team' } });
    expect(teamSchema.parse(renamed.body).name).toBe('Billing team');
    const listed = await api<{ items: unknown[] }>(s.url, '/api/v1/teams', { token: t.ben });
    expect(listed.body.items.map((x) => teamSchema.parse(x))).toMatchObject([{ name: 'Billing team', memberIds: [id.ana] }]);
    const bad = await api<{ error: { code: string; details: { path: string }[] } }>(s.url, '/api/v1/teams', {
      token: t.owner,
      body: { name: 'Ghosts', memberIds: ['nobody-at-all'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]?.path).toBe('memberIds.0');
  });
});

describe('canned responses', () => {
  it('personal: only its owner sees and changes it', async () => {
    const mine = await create(t.ana, { shortcut: '/Thanks', title: 'Thank you', body: 'Thanks {{contact.first_name | there}}!' });
    expect(mine.status).toBe(201);
    expect(cannedSchema.parse(mine.body)).toMatchObject({ shortcut: 'thanks', scope: 'personal', ownerId: id.ana, canEdit: true });
    expect((await list(t.ben)).map((c) => c.id)).not.toContain(mine.body.id);
    expect((await list(t.owner)).map((c) => c.id)).not.toContain(mine.body.id);
    expect(await search(t.ben, 'thanks')).toEqual([]);
    expect((await api(s.url, `/api/v1/canned-responses/${mine.body.id}`, { token: t.owner })).status).toBe(404);
    expect((await api(s.url, `/api/v1/canned-responses/${mine.body.id}`, { method: 'PATCH', token: t.owner, body: { title: 'x' } })).status).toBe(404);
    expect((await api(s.url, `/api/v1/canned-responses/${mine.body.id}`, { method: 'DELETE', token: t.ben })).status).toBe(404);
    expect(await search(t.ana, 'than')).toEqual(['thanks']);
  });

  it('team: its members see it, members and admins change it', async () => {
    const r = await create(t.ana, { shortcut: 'refund', title: 'Refund policy', body: 'Refunds take 5 days.', scope: 'team', teamId });
    expect(r.status).toBe(201);
    expect(await search(t.ana, 'refund')).toEqual(['refund']);
    expect(await search(t.ben, 'refund')).toEqual([]);
    expect((await list(t.ben)).map((c) => c.id)).not.toContain(r.body.id);
    // Admins manage it from Settings without being members; the `/` list is for members.
    expect((await list(t.admin)).find((c) => c.id === r.body.id)).toMatchObject({ canEdit: true });
    expect(await search(t.admin, 'refund')).toEqual([]);
    expect((await api(s.url, `/api/v1/canned-responses/${r.body.id}`, { method: 'PATCH', token: t.admin, body: { title: 'Refunds' } })).status).toBe(200);
    expect((await api(s.url, `/api/v1/canned-responses/${r.body.id}`, { method: 'PATCH', token: t.ben, body: { title: 'Mine now' } })).status).toBe(404);
    expect((await create(t.ben, { shortcut: 'sneaky', title: 'Sneaky', body: 'x', scope: 'team', teamId })).status).toBe(403);
    const noTeam = await create(t.ana, { shortcut: 'noteam', title: 'No team', body: 'x', scope: 'team' });
    expect(noTeam.status).toBe(400);
    // A new member sees it at once (the search hears of the change).
    await api(s.url, `/api/v1/teams/${teamId}/members`, { token: t.owner, body: { operatorId: id.ben } });
    expect(await search(t.ben, 'refund')).toEqual(['refund']);
    await api(s.url, `/api/v1/teams/${teamId}/members/${id.ben}`, { method: 'DELETE', token: t.owner });
    expect(await search(t.ben, 'refund')).toEqual([]);
  });

  it('workspace: everyone sees it, admins change it', async () => {
    expect((await create(t.ana, { shortcut: 'hours', title: 'Opening hours', body: 'We are open 9 to 5.', scope: 'workspace' })).status).toBe(403);
    const r = await create(t.admin, { shortcut: 'hours', title: 'Opening hours', body: 'We are open 9 to 5.', scope: 'workspace' });
    expect(r.status).toBe(201);
    expect(await search(t.ben, 'hours')).toEqual(['hours']);
    const seen = (await list(t.ben)).find((c) => c.id === r.body.id);
    expect(seen).toMatchObject({ canEdit: false });
    expect((await api(s.url, `/api/v1/canned-responses/${r.body.id}`, { method: 'PATCH', token: t.ben, body: { title: 'x' } })).status).toBe(403);
    expect((await api(s.url, `/api/v1/canned-responses/${r.body.id}`, { method: 'DELETE', token: t.ben })).status).toBe(403);
  });

  it('refuses a shortcut its writer already sees, and settles later clashes by the closest scope', async () => {
    const clash = await create(t.ana, { shortcut: 'hours', title: 'My hours', body: 'Mine' });
    expect(clash.status).toBe(409);
    expect(clash.body.error?.message).toBe('/hours is taken by “Opening hours” (a workspace one): choose another shortcut');
    // Ben's personal /bye first, then an admin's workspace /bye: Ben gets his own, and Settings says which one hides which.
    const own = await create(t.ben, { shortcut: 'bye', title: 'Bye (Ben)', body: 'Bye from Ben' });
    const shared = await create(t.admin, { shortcut: 'bye', title: 'Bye', body: 'Goodbye', scope: 'workspace' });
    expect([own.status, shared.status]).toEqual([201, 201]);
    const bens = await api<{ items: Canned[] }>(s.url, '/api/v1/canned-responses?q=bye', { token: t.ben });
    expect(bens.body.items.map((c) => c.id)).toEqual([own.body.id]);
    expect((await list(t.ben)).find((c) => c.id === shared.body.id)?.hiddenBy).toBe(own.body.id);
    expect((await api<{ items: Canned[] }>(s.url, '/api/v1/canned-responses?q=bye', { token: t.ana })).body.items.map((c) => c.id)).toEqual([shared.body.id]);
  });

  it('searches shortcut prefixes first, then titles and bodies, forgiving typos', async () => {
    for (const [shortcut, title, body] of [
      ['returns', 'How to return an item', 'Print the label and drop the parcel at a post office.'],
      ['ret-late', 'Late returns', 'We take returns up to 60 days after delivery.'],
      ['shipping', 'Shipping times', 'Parcels arrive in 3 days; returns are free.'],
    ]) {
      expect((await create(t.ben, { shortcut, title, body })).status).toBe(201);
    }
    const found = await search(t.ben, '/ret');
    expect(found.slice(0, 2)).toEqual(['returns', 'ret-late']);
    expect(found).toContain('shipping');
    expect(await search(t.ben, 'shiping')).toEqual(['shipping']);
    expect(await search(t.ben, 'parcle')).toEqual(expect.arrayContaining(['returns', 'shipping']));
    expect((await search(t.ben, 'retrun label'))[0]).toBe('returns');
    expect(await search(t.ben, 'zzzz')).toEqual([]);
  });

  it('exports CSV that imports back unchanged, and refuses a bad file whole with every problem by row', async () => {
    const exported = await fetch(`${s.url}/api/v1/canned-responses/export`, { headers: { authorization: `Bearer ${t.ben}` } });
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csv = await exported.text();
    expect(csv.split('\r\n')[0]).toBe('shortcut,title,body,scope,team');
    expect(csv).toContain('returns,How to return an item');
    const again = await upload(t.ben, csv);
    expect(again).toMatchObject({ status: 200, body: { created: 0, updated: 0 } });
    expect(again.body.unchanged).toBeGreaterThan(3);

    const before = (await list(t.ben)).length;
    const bad = await upload(
      t.ben,
      'shortcut,title,body,scope,team\nwarranty,Warranty,"Two years, parts and labour",,\nhas space,Bad,x,personal,\nok2,,text,,\nworkspace1,Shared,x,workspace,\nteamed,T,x,team,Nope\nwarranty,Again,dup,,\nreturns,Clash,x,personal,\n',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error?.details.map((d) => [d.row, d.column])).toEqual([
      [3, 'shortcut'],
      [4, 'title'],
      [5, 'scope'],
      [6, 'team'],
      [7, 'shortcut'],
    ]);
    expect(bad.body.error?.message).toMatch(/^Nothing was imported: Row 3, shortcut: /);
    expect((await list(t.ben)).length).toBe(before);

    const good = await upload(t.ben, 'shortcut,title,body\nwarranty,Warranty,"Two years,\nparts and ""labour"""\nreturns,How to return an item,New text\n');
    expect(good.body).toEqual({ created: 1, updated: 1, unchanged: 0 });
    const w = (await list(t.ben)).find((c) => c.shortcut === 'warranty') as Canned & { body: string };
    expect(w.body).toBe('Two years,\nparts and "labour"');
    expect((await upload(t.ben, 'title,body\nx,y\n')).body.error?.details[0]).toMatchObject({ row: 1, message: 'Row 1: Missing column shortcut' });
  });

  it('answers with the schemas the API document gives', async () => {
    for (const c of await list(t.ben)) cannedSchema.parse(c);
  });

  it('deleting a team deletes its canned responses', async () => {
    const team = await api<{ id: string }>(s.url, '/api/v1/teams', { token: t.owner, body: { name: 'Temporary', memberIds: [id.ana] } });
    const r = await create(t.ana, { shortcut: 'temp', title: 'Temp', body: 'x', scope: 'team', teamId: team.body.id });
    expect(await search(t.ana, 'temp')).toEqual(['temp']);
    expect((await api(s.url, `/api/v1/teams/${team.body.id}`, { method: 'DELETE', token: t.owner })).status).toBe(204);
    expect(await search(t.ana, 'temp')).toEqual([]);
    expect((await api(s.url, `/api/v1/canned-responses/${r.body.id}`, { token: t.ana })).status).toBe(404);
  });
});
