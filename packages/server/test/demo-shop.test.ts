/** The demo's catalogue and orders: seeded with the workspace, fast, and suggestions come from them. */
import type { ProductSuggestionsDto } from '@switchboard/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newVisitor, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { seedDemoShop } from '../src/demo/demo-shop.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s.close());

it('seeds the demo shop quickly, and a visitor naming a tent gets its accessories suggested', async () => {
  const t0 = performance.now();
  await seedDemoShop(s.app.ctx);
  expect(performance.now() - t0).toBeLessThan(5_000); // a blow-up guard, not a measure
  const db = s.app.ctx.db;
  expect(
    Number(
      (
        await db
          .selectFrom('products')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  ).toBeGreaterThan(60);
  expect(
    Number(
      (
        await db
          .selectFrom('purchases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  ).toBeGreaterThan(500);
  const v = await newVisitor(s.url, s.websiteKey);
  const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await visitor.waitFor('welcome');
  const { conversationId } = await visitor.client.send({ body: 'Is the Ridge 2-person tent good in the rain?' });
  visitor.close();
  const r = await api<ProductSuggestionsDto>(s.url, `/api/v1/conversations/${conversationId}/product-suggestions`, { token: await login(s.url) });
  expect(r.status).toBe(200);
  expect(r.body.context?.name).toBe('Ridge 2-person tent');
  expect(r.body.suggestions.some((x) => x.kind === 'cross_sell' && x.reason.startsWith('Accessory of Ridge 2-person tent'))).toBe(true);
});
