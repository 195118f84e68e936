/**
 * Search behaves the same on SQLite FTS5 and PostgreSQL full text (when
 * reachable; required in CI): what is written is found at once, changes and
 * deletions follow, the best match comes first, snippets carry the matched
 * ranges, and nothing a person types is query syntax.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { createArticle, deleteArticle, setArticleState, updateArticle } from '../src/article/article.service.js';
import { createContact, deleteContact, updateContact } from '../src/contact/contact.service.js';
import type { Context } from '../src/context.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { sendMessage } from '../src/message/message.service.js';
import { addNote } from '../src/note/add-note.js';
import { type Viewer, viewerOf } from '../src/policy/visibility.js';
import type { SearchFilters, SearchIndex } from '../src/search/search-index.js';
import { searchIndexOf } from '../src/search/search.service.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

describe.each(BACKENDS)('search on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let a: NewWorkspace;
  let b: NewWorkspace;
  let index: SearchIndex;
  let viewerA: Viewer;
  let viewerB: Viewer;
  let n = 0;

  const send = async (w: NewWorkspace, body: string) => {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: w.inbox.websiteKey });
    const r = await sendMessage(ctx, {
      workspaceId: w.workspaceId,
      visitor,
      author: { kind: 'visitor', id: visitor.id, name: null },
      clientId: `c${++n}`,
      body,
    });
    return r.message;
  };
  const messages = async (q: string, viewer = viewerA, filters: SearchFilters = {}, offset = 0, limit = 20) =>
    index.messages(ctx.db, { viewer, q, filters, offset, limit });
  const contacts = async (q: string, viewer = viewerA) => index.contacts(ctx.db, { viewer, q, filters: {}, offset: 0, limit: 20 });
  const articles = async (q: string, viewer = viewerA, offset = 0, limit = 20) => index.articles(ctx.db, { viewer, q, filters: {}, offset, limit });
  const texts = (p: { items: { snippet: { text: string } }[] }) => p.items.map((h) => h.snippet.text);

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-search-contract-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath));
    a = await createWorkspace(ctx, { name: 'A', ownerEmail: `sa-${tag}@x.test`, ownerName: 'Ann', ownerPassword: 'password-a', inboxName: 'Web' });
    b = await createWorkspace(ctx, { name: 'B', ownerEmail: `sb-${tag}@x.test`, ownerName: 'Bob', ownerPassword: 'password-b', inboxName: 'Web' });
    index = searchIndexOf(ctx);
    viewerA = await viewerOf(ctx, a.owner);
    viewerB = await viewerOf(ctx, b.owner);
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a message as soon as it is stored, by word and by the start of a word, in its own workspace only', async () => {
    const m = await send(a, 'My invoice for order 4521 is wrong');
    const hits = await messages('invoice');
    expect(hits.items.map((h) => h.id)).toEqual([m.id]);
    expect(hits.items[0]).toMatchObject({ kind: 'message', conversationId: m.conversationId, seq: m.seq, authorKind: 'visitor', status: 'open' });
    expect(hits.items[0]?.snippet).toEqual({ text: 'My invoice for order 4521 is wrong', ranges: [[3, 10]] });
    expect((await messages('INVO')).items.map((h) => h.id)).toEqual([m.id]);
    expect((await messages('order 4521')).items.map((h) => h.id)).toEqual([m.id]);
    expect((await messages('order 9999')).items).toEqual([]);
    expect((await messages('invoice', viewerB)).items).toEqual([]);
  });

  it('puts the best match first, and pages through the rest', async () => {
    await send(a, 'refund please, the refund for my refund');
    await send(a, 'I would like to talk about many things today, and also maybe a refund at some point later on if that is fine');
    const hits = await messages('refund');
    expect(texts(hits)[0]).toBe('refund please, the refund for my refund');
    expect(hits.items).toHaveLength(2);
    const first = await messages('refund', viewerA, {}, 0, 1);
    expect(first.nextCursor).toBe('1');
    const second = await messages('refund', viewerA, {}, 1, 1);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((h) => h.id)).toEqual(hits.items.map((h) => h.id));
  });

  it('cuts long messages around the first match, with ranges in the cut text', async () => {
    const body = `${'lorem ipsum dolor '.repeat(30)}the parcel arrived broken ${'sit amet '.repeat(30)}`;
    await send(a, body);
    const [hit] = (await messages('parcel')).items;
    expect(hit?.snippet.text.startsWith('…')).toBe(true);
    expect(hit?.snippet.text.endsWith('…')).toBe(true);
    expect(hit?.snippet.text.length).toBeLessThanOrEqual(162);
    const [s, e] = hit?.snippet.ranges[0] ?? [0, 0];
    expect(hit?.snippet.text.slice(s, e)).toBe('parcel');
  });

  it('takes quotes, parentheses, stars, NEAR and other syntax as plain words', async () => {
    const m = await send(a, 'Is the store near (the) station? "Open" 24*7');
    for (const q of [
      '"',
      '(',
      ')',
      '*',
      '"open',
      'near(',
      'NEAR(store station)',
      'store AND',
      'OR',
      '-',
      '^',
      ':*',
      "'",
      '\\',
      'station:*',
      '{x}',
      'a & b | !c',
    ]) {
      await expect(messages(q)).resolves.toBeDefined();
    }
    expect((await messages('NEAR')).items.map((h) => h.id)).toEqual([m.id]);
    expect((await messages('"open" (station)')).items.map((h) => h.id)).toEqual([m.id]);
    expect((await messages('24*7')).items.map((h) => h.id)).toEqual([m.id]);
    expect((await messages('***')).items).toEqual([]);
  });

  it('finds words in any script', async () => {
    const m1 = await send(a, 'Un café crème à Zürich');
    const m2 = await send(a, '東京タワー に行きたい');
    expect((await messages('café')).items.map((h) => h.id)).toEqual([m1.id]);
    expect((await messages('Zürich')).items.map((h) => h.id)).toEqual([m1.id]);
    expect((await messages('東京')).items.map((h) => h.id)).toEqual([m2.id]);
    expect((await messages('café')).items[0]?.snippet.ranges).toEqual([[3, 7]]);
  });

  it('finds private notes, marked as such, and forgets a deleted message', async () => {
    const m = await send(a, 'where is my kayak');
    const note = await addNote(ctx, { actor: a.owner, conversationId: m.conversationId, body: 'Kayak ships from the second warehouse' });
    const hits = await messages('kayak');
    expect(hits.items.map((h) => [h.kind, h.id]).sort()).toEqual(
      [
        ['message', m.id],
        ['note', note.note.id],
      ].sort(),
    );
    await ctx.db.deleteFrom('messages').where('id', '=', m.id).execute();
    expect((await messages('kayak')).items.map((h) => h.kind)).toEqual(['note']);
  });

  it('filters by status, inbox and date', async () => {
    const m = await send(a, 'zebra crossing');
    expect((await messages('zebra', viewerA, { status: 'resolved' })).items).toEqual([]);
    expect((await messages('zebra', viewerA, { status: 'open', inboxId: a.inbox.id })).items.map((h) => h.id)).toEqual([m.id]);
    expect((await messages('zebra', viewerA, { inboxId: 'nope' })).items).toEqual([]);
    expect((await messages('zebra', viewerA, { from: m.createdAt + 1 })).items).toEqual([]);
    expect((await messages('zebra', viewerA, { from: m.createdAt, to: m.createdAt + 1 })).items.map((h) => h.id)).toEqual([m.id]);
  });

  it('keeps contacts fresh on create, update and delete, with highlighted fields', async () => {
    const c = await createContact(ctx, a.owner, { name: 'Maya Chén', email: `maya-${tag}@example.com`, company: 'Acme Rockets', phone: '+1 555 0100' });
    const found = await contacts('chen acme');
    expect(found.items.map((h) => h.id)).toEqual([c.id]);
    expect(found.items[0]?.name).toEqual({ text: 'Maya Chén', ranges: [[5, 9]] });
    expect(found.items[0]?.company?.ranges).toEqual([[0, 4]]);
    expect((await contacts('maya example')).items.map((h) => h.id)).toEqual([c.id]);
    expect((await contacts('0100')).items.map((h) => h.id)).toEqual([c.id]);
    expect((await contacts('acme', viewerB)).items).toEqual([]);
    await updateContact(ctx, a.owner, c.id, { company: 'Globex' });
    expect((await contacts('acme')).items).toEqual([]);
    expect((await contacts('globex')).items.map((h) => h.id)).toEqual([c.id]);
    await deleteContact(ctx, a.owner, c.id);
    expect((await contacts('globex')).items).toEqual([]);
    await expect(contacts('"(*')).resolves.toEqual({ items: [], nextCursor: null });
  });

  it("finds articles, drafts too with their state, once stored, published, changed; never a deleted one or another workspace's", async () => {
    const art = await createArticle(ctx, a.owner, {
      title: 'Resetting your gizmotron',
      slug: `gizmo-${tag}`,
      description: 'How to start over',
      body: '# Steps\n\nHold the **power** button, then [read the manual](https://example.com/gizmotron-manual) for your gizmotron model.',
      locale: 'en',
      categoryId: null,
      translationOf: null,
    });
    const draft = await articles('gizmo');
    expect(draft.items).toHaveLength(1);
    expect(draft.items[0]).toMatchObject({ id: art.id, state: 'draft', locale: 'en', slug: `gizmo-${tag}`, url: art.url, updatedAt: art.updatedAt });
    expect(draft.items[0]?.title).toEqual({ text: 'Resetting your gizmotron', ranges: [[15, 24]] });
    const snip = draft.items[0]?.snippet;
    expect(snip?.text).toBe('Steps Hold the power button, then read the manual for your gizmotron model.');
    expect(snip?.ranges.map(([s, e]) => snip.text.slice(s, e))).toEqual(['gizmotron']);
    // Only the description matches: the snippet is the description.
    expect((await articles('start over')).items[0]?.snippet).toEqual({
      text: 'How to start over',
      ranges: [
        [7, 12],
        [13, 17],
      ],
    });
    await setArticleState(ctx, a.owner, art.id, 'published');
    expect((await articles('gizmotron')).items.map((h) => [h.id, h.state])).toEqual([[art.id, 'published']]);
    expect((await articles('gizmotron', viewerB)).items).toEqual([]);
    await updateArticle(ctx, a.owner, art.id, { title: 'Resetting your widgetron', body: 'Unplug the widgetron for ten seconds.' });
    expect((await articles('gizmotron')).items).toEqual([]);
    expect((await articles('widgetron ten')).items.map((h) => h.id)).toEqual([art.id]);
    await deleteArticle(ctx, a.owner, art.id);
    expect((await articles('widgetron')).items).toEqual([]);
  });

  it('puts a title match before a body match, pages articles, and takes syntax as plain words', async () => {
    const inBody = await createArticle(ctx, a.owner, {
      title: 'Shipping times',
      slug: `ship-${tag}`,
      description: '',
      body: 'Parcels go out daily; a quokka plush ships in two days. Ask about "quokka" (NEAR) * gifts',
      locale: 'en',
      categoryId: null,
      translationOf: null,
    });
    const inTitle = await createArticle(ctx, a.owner, {
      title: 'Quokka plush care',
      slug: `quokka-${tag}`,
      description: 'Washing',
      body: 'Wash it cold.',
      locale: 'en',
      categoryId: null,
      translationOf: null,
    });
    expect((await articles('quokka')).items.map((h) => h.id)).toEqual([inTitle.id, inBody.id]);
    const first = await articles('quokka', viewerA, 0, 1);
    expect(first.nextCursor).toBe('1');
    const second = await articles('quokka', viewerA, 1, 1);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((h) => h.id)).toEqual([inTitle.id, inBody.id]);
    for (const q of ['"', '(', '*', '"quokka', 'NEAR(quokka gifts)', 'quokka AND', ':*', "'", 'a & b | !c', '{x}']) {
      await expect(articles(q)).resolves.toBeDefined();
    }
    expect((await articles('"quokka" (NEAR) *')).items.map((h) => h.id)).toEqual([inBody.id]);
    expect((await articles('***')).items).toEqual([]);
  });
});
