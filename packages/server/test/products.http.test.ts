/**
 * The catalogue written over HTTP (E2): every field refused with its stable
 * code, related products that must exist (or be rows of the same file), a
 * delete that takes its relations along, a CSV with a bad row in the middle
 * leaving nothing imported, a re-import replacing products, workspaces kept
 * apart; and the checked copy of product images: a loopback address refused
 * by the outbound guard, SVG and disguised files refused by their bytes, a
 * too-large image refused, a real PNG served with its safety and caching
 * headers (and fetched once).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProductDto, ProductImportPreview } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { sniffImage } from '../src/product/product-image.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';

type Refusal = { error: { code: string; message: string; details: { path: string; code: string; row?: number; column: string | null; message: string }[] } };

let s: TestServer;
let owner: string;
let workspaceId: string;
let images: Server;
let imageBase: string;
const hits: Record<string, number> = {};
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b5b8ad0000000049454e44ae426082',
  'hex',
);

beforeAll(async () => {
  s = await startTestServer();
  owner = await login(s.url);
  workspaceId = (await s.app.ctx.db.selectFrom('workspaces').select('id').orderBy('created_at').executeTakeFirstOrThrow()).id;
  images = createServer((req, res) => {
    hits[req.url ?? ''] = (hits[req.url ?? ''] ?? 0) + 1;
    if (req.url === '/dot.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    else if (req.url === '/logo.svg')
      res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    else if (req.url === '/fake.png') res.writeHead(200, { 'content-type': 'image/png' }).end('<html><script>alert(1)</script></html>');
    else if (req.url === '/huge.png') res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]));
    else if (req.url === '/hop') res.writeHead(302, { location: '/dot.png' }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => images.listen(0, '127.0.0.1', r));
  imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => images?.close(() => r()));
  await s?.close();
});

const put = (id: string, body: Record<string, unknown>, token = owner) =>
  api<ProductDto & Refusal>(s.url, `/api/v1/products/${encodeURIComponent(id)}`, { method: 'PUT', token, body });
const codes = (r: { body: Refusal }) => Object.fromEntries(r.body.error.details.map((d) => [d.path, d.code]));

async function csv(path: 'imports' | 'imports/preview', text: string, token = owner) {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/csv' }), 'products.csv');
  const r = await fetch(`${s.url}/api/v1/products/${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: r.status, body: (await r.json()) as ProductImportPreview & { created: number; updated: number } & Refusal };
}

const lamp = { name: 'Desk lamp', description: 'Brass, 40 cm', price: '49.90', currency: 'eur', category: 'Lighting', tags: ['led', 'office'] };

describe('writing the catalogue', () => {
  it('refuses every bad field with its stable code and writes nothing', async () => {
    const r = await put('bad-1', {
      name: ' ',
      description: 'x'.repeat(5001),
      price: '12,50',
      currency: 'EURO',
      imageUrl: 'javascript:alert(1)',
      pageUrl: 'ftp://shop.example/p',
      category: 'c'.repeat(101),
      tags: Array.from({ length: 31 }, (_, i) => `t${i}`),
      stock: 'plenty',
      attributes: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`a${i}`, i])),
      related: { accessories: ['bad-1'], alternatives: ['nope'] },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(codes(r)).toEqual({
      name: 'name_required',
      description: 'description_too_long',
      currency: 'currency_invalid',
      price: 'price_invalid',
      imageUrl: 'image_url_invalid',
      pageUrl: 'page_url_invalid',
      category: 'category_too_long',
      tags: 'tags_too_many',
      stock: 'stock_invalid',
      attributes: 'attributes_too_many',
      'related.accessories': 'related_self',
    });
    expect(codes(await put('bad-2', { name: 'x'.repeat(201), price: -1, currency: 'JPY', tags: ['y'.repeat(51)] }))).toEqual({
      name: 'name_too_long',
      price: 'price_invalid',
      tags: 'tag_too_long',
    });
    expect(codes(await put('bad-3', { name: 'Yen', price: '10.5', currency: 'JPY' }))).toEqual({ price: 'price_invalid' });
    expect(codes(await put('bad-4', { name: 'No price', currency: 'USD' }))).toEqual({ price: 'price_required' });
    expect(codes(await put('bad-5', { name: 'No currency', price: 1, currency: '' }))).toEqual({ currency: 'currency_required' });
    expect(codes(await put('bad-6', { name: 'Bad attr', price: 1, currency: 'USD', attributes: { '': 'x' } }))).toEqual({
      attributes: 'attribute_name_invalid',
    });
    expect(codes(await put('bad id', { name: 'Spaces', price: 1, currency: 'USD' }))).toEqual({ id: 'id_invalid' });
    expect(codes(await put('categories', { name: 'Reserved', price: 1, currency: 'USD' }))).toEqual({ id: 'id_reserved' });
    expect(codes(await put('bad-7', { name: 'Unknown', price: 1, currency: 'USD', related: { alternatives: ['nope'] } }))).toEqual({
      'related.alternatives': 'related_unknown',
    });
    const list = await api<{ items: ProductDto[] }>(s.url, '/api/v1/products?q=bad', { token: owner });
    expect(list.body.items).toEqual([]);
  });

  it('creates, replaces and relates products; price in minor units; categories for filters', async () => {
    expect((await put('bulb-1', { name: 'LED bulb', price: 4, currency: 'EUR', category: 'Parts', stock: 'preorder' })).status).toBe(200);
    const created = await put('lamp-1', { ...lamp, attributes: { color: 'brass', height_cm: 40 }, related: { accessories: ['bulb-1'] } });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({
      id: 'lamp-1',
      priceMinor: 4990,
      currency: 'EUR',
      stock: 'in_stock',
      tags: ['led', 'office'],
      attributes: { color: 'brass', height_cm: 40 },
      related: { accessories: ['bulb-1'], alternatives: [] },
    });
    const replaced = await put('lamp-1', { name: 'Desk lamp II', priceMinor: 5500, currency: 'EUR', related: { alternatives: ['bulb-1'] } });
    expect(replaced.body).toMatchObject({
      name: 'Desk lamp II',
      priceMinor: 5500,
      category: null,
      tags: [],
      related: { accessories: [], alternatives: ['bulb-1'] },
    });
    expect(replaced.body.createdAt).toBe(created.body.createdAt);
    const categories = await api<{ items: string[] }>(s.url, '/api/v1/products/categories', { token: owner });
    expect(categories.body.items).toEqual(['Parts']);
  });

  it('deletes a product with its relations, both ways', async () => {
    await put('cable-1', { name: 'Cable', price: 2, currency: 'EUR' });
    await put('lamp-2', { name: 'Floor lamp', price: 80, currency: 'EUR', related: { accessories: ['cable-1'] } });
    expect((await api(s.url, '/api/v1/products/cable-1', { method: 'DELETE', token: owner })).status).toBe(204);
    expect((await api<ProductDto>(s.url, '/api/v1/products/lamp-2', { token: owner })).body.related.accessories).toEqual([]);
    expect((await api(s.url, '/api/v1/products/cable-1', { token: owner })).status).toBe(404);
    const again = await api<Refusal>(s.url, '/api/v1/products/cable-1', { method: 'DELETE', token: owner });
    expect([again.status, again.body.error.code]).toEqual([404, 'not_found']);
  });
});

describe('CSV import', () => {
  const header = 'id,name,description,price,currency,image_url,page_url,category,tags,stock,attributes,accessories,alternatives';
  const good = [
    'kettle-1,Kettle,"Steel, 1.7 l",39.90,EUR,https://shop.example/k.png,https://shop.example/kettle,Kitchen,steel|electric,in_stock,color=silver|litres=1.7,filter-1,kettle-2',
    'kettle-2,Glass kettle,,44,EUR,,,Kitchen,,out_of_stock,,,kettle-1',
    'filter-1,Limescale filter,,5.5,EUR,,,Parts,,,,,',
  ];

  it('previews the columns and the first products as stored, and reports every bad row; nothing is written', async () => {
    const text = [header, good[0], 'toaster-1,,,abc,EURO,ftp://x,,,,,broken,nope,', good[1], 'kettle-1,Duplicate,,1,EUR,,,,,,,,', good[2]].join('\n');
    const r = await csv('imports/preview', text);
    expect(r.status).toBe(200);
    expect(r.body.columns.map((c) => c.field)).toEqual(header.split(','));
    expect(r.body.rows).toBe(5);
    expect(r.body.refused).toBe(2);
    expect(r.body.preview.map((p) => p.id)).toEqual(['kettle-1', 'kettle-2', 'filter-1']);
    expect(r.body.preview[0]).toMatchObject({
      priceMinor: 3990,
      tags: ['steel', 'electric'],
      attributes: { color: 'silver', litres: 1.7 },
      related: { accessories: ['filter-1'], alternatives: ['kettle-2'] },
    });
    expect(r.body.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, 'attributes', 'attribute_invalid'],
      [3, 'name', 'name_required'],
      [3, 'currency', 'currency_invalid'],
      [3, 'price', 'price_invalid'],
      [3, 'image_url', 'image_url_invalid'],
      [5, 'id', 'id_duplicate'],
    ]);
    expect(r.body.problems[0]!.message).toMatch(/^Row 3: /);
    const refused = await csv('imports', text);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('2 rows have problems: nothing was imported');
    expect(refused.body.error.details.map((d) => d.row)).toContain(5);
    expect((await api<{ items: ProductDto[] }>(s.url, '/api/v1/products?q=kettle', { token: owner })).body.items).toEqual([]);
  });

  it('refuses a related id that is neither in the catalogue nor in the file', async () => {
    const r = await csv('imports/preview', [header, 'x-1,X,,1,EUR,,,,,,,ghost,'].join('\n'));
    expect(r.body.problems.map((p) => [p.row, p.column, p.code])).toEqual([[2, 'accessories', 'related_unknown']]);
    const missing = await csv('imports/preview', 'id,name\na,b\n');
    expect(missing.body.problems.map((p) => p.code)).toEqual(['columns_missing']);
  });

  it('imports all rows in one go, then a re-import replaces them', async () => {
    const first = await csv('imports', [header, ...good].join('\n'));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ created: 3, updated: 0 });
    const kettle = await api<ProductDto>(s.url, '/api/v1/products/kettle-1', { token: owner });
    expect(kettle.body).toMatchObject({ priceMinor: 3990, category: 'Kitchen', related: { accessories: ['filter-1'], alternatives: ['kettle-2'] } });
    expect(kettle.body.imageUrl).toMatch(`/api/v1/product-images/${workspaceId}/kettle-1?v=`);
    const again = await csv('imports', `${header}\nkettle-1,Kettle Pro,,42,EUR,,,Kitchen,,preorder,,,\n`);
    expect(again.body).toEqual({ created: 0, updated: 1 });
    expect((await api<ProductDto>(s.url, '/api/v1/products/kettle-1', { token: owner })).body).toMatchObject({
      name: 'Kettle Pro',
      priceMinor: 4200,
      stock: 'preorder',
      related: { accessories: [], alternatives: [] },
    });
  });

  it('keeps workspaces apart', async () => {
    const other = await createWorkspace(s.app.ctx, {
      name: 'Elsewhere',
      ownerEmail: 'owner@shop-elsewhere.test',
      ownerName: 'Elsa',
      ownerPassword: 'lantern-orchard-basalt',
      inboxName: 'Elsewhere',
    });
    const token = await login(s.url, { email: other.owner.email, password: 'lantern-orchard-basalt' });
    expect((await api(s.url, '/api/v1/products/kettle-1', { token })).status).toBe(404);
    expect(codes(await put('mine', { name: 'Mine', price: 1, currency: 'EUR', related: { accessories: ['kettle-1'] } }, token))).toEqual({
      'related.accessories': 'related_unknown',
    });
    const r = await csv('imports', `id,name,price,currency\nkettle-1,Their kettle,9,USD\n`, token);
    expect(r.body).toEqual({ created: 1, updated: 0 });
    expect((await api<ProductDto>(s.url, '/api/v1/products/kettle-1', { token: owner })).body.name).toBe('Kettle Pro');
    expect((await api(s.url, `/api/v1/product-images/${other.workspaceId}/lamp-1`)).status).toBe(404);
  });
});

describe('product images', () => {
  const image = (id: string, v = '1') => fetch(`${s.url}/api/v1/product-images/${workspaceId}/${id}?v=${v}`);
  const reason = async (r: Response) => ((await r.json()) as { error: { code: string; details: { reason: string } } }).error;

  it('sniffs raster types by their bytes', () => {
    expect(sniffImage(PNG)).toBe('image/png');
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('GIF89a....'))).toBe('image/gif');
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(Buffer.from('\0\0\0\x1cftypavif\0\0\0\0avifmif1', 'latin1'))).toBe('image/avif');
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(Buffer.from('<?xml version="1.0"?><svg/>'))).toBeNull();
  });

  it('refuses a loopback address through the outbound guard', async () => {
    await put('img-loop', { name: 'Loop', price: 1, currency: 'EUR', imageUrl: `${imageBase}/dot.png` });
    const r = await image('img-loop');
    expect(r.status).toBe(404);
    expect(await reason(r)).toMatchObject({ code: 'not_found', details: { reason: 'blocked_address' } });
    expect(hits['/dot.png']).toBeUndefined();
    await put('img-none', { name: 'None', price: 1, currency: 'EUR' });
    expect((await reason(await image('img-none'))).details.reason).toBe('no_image');
  });

  it('serves a checked raster copy with its headers, fetched once; refuses SVG, disguised and too-large files', async () => {
    // The workspace allows private targets (the webhook setting): the test's local server stands in for a shop.
    expect((await api(s.url, '/api/v1/webhook-settings', { method: 'PUT', token: owner, body: { allowPrivateTargets: true } })).status).toBe(200);
    await put('img-ok', { name: 'Dot', price: 1, currency: 'EUR', imageUrl: `${imageBase}/hop` });
    const ok = await image('img-ok');
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(PNG)).toBe(true);
    expect(
      Object.fromEntries(['content-type', 'x-content-type-options', 'content-security-policy', 'cache-control'].map((h) => [h, ok.headers.get(h)])),
    ).toEqual({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'public, max-age=86400',
    });
    expect((await image('img-ok', '2')).status).toBe(200);
    expect(hits['/hop']).toBe(1);
    for (const [id, path, why] of [
      ['img-svg', '/logo.svg', 'not_an_image'],
      ['img-fake', '/fake.png', 'not_an_image'],
      ['img-huge', '/huge.png', 'too_large'],
      ['img-gone', '/missing.png', 'unreachable'],
    ] as const) {
      await put(id, { name: id, price: 1, currency: 'EUR', imageUrl: `${imageBase}${path}` });
      const r = await image(id);
      expect(r.status, id).toBe(404);
      expect((await reason(r)).details.reason, id).toBe(why);
    }
    await api(s.url, '/api/v1/webhook-settings', { method: 'PUT', token: owner, body: { allowPrivateTargets: false } });
  });
});
