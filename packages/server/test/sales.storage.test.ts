/**
 * Sales attribution on every storage backend, on one clock moved by hand:
 * purchases stored once per order id and attributed in the same transaction
 * to the last touch within the window (a chat's last operator reply or a
 * trigger shown), never twice; trigger credit for a conversation a trigger
 * started; the same contact on another device; currencies kept as given and
 * converted only for totals (no rate: reported apart); workspaces apart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleDto } from '@switchboard/protocol';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { ManualClock } from '../src/clock.js';
import type { Context } from '../src/context.js';
import { startConversation } from '../src/conversation/start-conversation.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { newId } from '../src/ids.js';
import { appendMessages } from '../src/message/message.repository.js';
import { recordPurchase } from '../src/sales/record-purchase.js';
import { DAY_MS } from '../src/sales/sales.js';
import { salesReport, salesTimeseries } from '../src/sales/sales-report.js';
import { setSalesSettings } from '../src/sales/sales-settings.js';
import { subscribeSales } from '../src/sales/subscribe.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';
import '../src/trigger/trigger.table.js';

const HOUR = 3_600_000;

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('sales attribution on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let ws: NewWorkspace;
  let n = 0;
  const sales: SaleDto[] = [];
  const published: { room: string; orderId: string }[] = [];

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-sales-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath, clock));
    ctx.events.on('sale.attributed', (e) => void sales.push(e.sale));
    subscribeSales(ctx, { publish: async (room, f) => void published.push({ room, orderId: (f as { sale: SaleDto }).sale.orderId }) }, (err) => {
      throw err;
    });
    ws = await workspace();
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function workspace(): Promise<NewWorkspace> {
    n++;
    return createWorkspace(ctx, { name: `S${n}`, ownerEmail: `s${n}-${tag}@x.test`, ownerName: `Owner ${n}`, ownerPassword: 'password-s', inboxName: 'Web' });
  }
  async function operator(w: NewWorkspace, name: string, role = 'operator'): Promise<string> {
    const id = newId();
    await ctx.db
      .insertInto('operators')
      .values({
        id,
        workspace_id: w.workspaceId,
        email: `${id}@x.test`,
        name,
        role,
        password_hash: null,
        status: 'online',
        invite_token_hash: null,
        invite_expires_at: null,
        disabled_at: null,
        created_at: clock.now(),
        last_seen_at: null,
      })
      .execute();
    return id;
  }
  async function team(w: NewWorkspace, name: string): Promise<string> {
    const id = newId();
    await ctx.db.insertInto('teams').values({ id, workspace_id: w.workspaceId, name, created_at: clock.now(), updated_at: clock.now() }).execute();
    return id;
  }
  async function visitor(w: NewWorkspace = ws) {
    return (await startWidgetSession(ctx, { websiteKey: w.inbox.websiteKey })).visitor;
  }
  /** A conversation of the visitor in which each operator replies at the given time. */
  async function chat(w: NewWorkspace, visitorId: string, replies: { by: string; at: number }[], teamId: string | null = null): Promise<string> {
    const c = await startConversation(ctx.db, { workspaceId: w.workspaceId, inboxId: w.inbox.id, visitorId, now: replies[0]?.at ?? clock.now(), teamId });
    const msg = (kind: 'visitor' | 'operator', id: string, at: number) => ({
      clientId: null,
      author: { kind, id, name: kind === 'operator' ? 'Op' : null },
      kind: 'text' as const,
      body: kind === 'visitor' ? 'Does the tent fit two?' : 'Yes, two people and their bags.',
      attachments: [],
      event: null,
      createdAt: at,
    });
    await appendMessages(ctx.db, ctx.dbKind, w.workspaceId, c.id, [
      msg('visitor', visitorId, (replies[0]?.at ?? clock.now()) - 1000),
      ...replies.map((r) => msg('operator', r.by, r.at)),
    ]);
    return c.id;
  }
  async function trigger(w: NewWorkspace, name: string): Promise<string> {
    const id = newId();
    await ctx.db
      .insertInto('triggers')
      .values({
        id,
        workspace_id: w.workspaceId,
        inbox_id: w.inbox.id,
        name,
        enabled: 1,
        conditions: '[]',
        messages: '{}',
        sender: '{"kind":"bot"}',
        delay_seconds: 0,
        frequency: '{"per":"visitor"}',
        only_when: 'always',
        position: 0,
        created_at: clock.now(),
        updated_at: clock.now(),
      })
      .execute();
    return id;
  }
  async function shown(w: NewWorkspace, triggerId: string, visitorId: string, at: number, variant: 'a' | 'b' = 'a', conversationId: string | null = null) {
    await ctx.db
      .insertInto('trigger_impressions')
      .values({
        id: newId(),
        workspace_id: w.workspaceId,
        inbox_id: w.inbox.id,
        trigger_id: triggerId,
        variant,
        visitor_id: visitorId,
        visit_id: null,
        shown_at: at,
        conversation_id: conversationId,
      })
      .execute();
  }
  const order = () => `order-${tag}-${newId()}`;
  const buy = (v: { id: string; workspaceId: string; inboxId: string }, data: Record<string, unknown>) =>
    recordPurchase(ctx, { visitor: v, data: { orderId: order(), value: 10, currency: 'EUR', ...data } });

  it('credits a purchase after a chat to its conversation, the operator who replied last, its team and inbox', async () => {
    const v = await visitor();
    const ana = await operator(ws, 'Ana');
    const ben = await operator(ws, 'Ben');
    const outdoor = await team(ws, 'Outdoor');
    const t0 = clock.now();
    const c = await chat(
      ws,
      v.id,
      [
        { by: ana, at: t0 },
        { by: ben, at: t0 + 60_000 },
      ],
      outdoor,
    );
    clock.set(t0 + HOUR);
    const r = await buy(v, { value: 249.9, items: [{ productId: 'TENT-2P', quantity: 1, price: 249.9 }] });
    expect(r.repeated).toBe(false);
    expect(r.purchase).toMatchObject({ value_minor: 24990, currency: 'EUR', verified: 0 });
    expect(JSON.parse(r.purchase.items)).toEqual([{ productId: 'TENT-2P', quantity: 1, priceMinor: 24990 }]);
    expect(r.sale).toMatchObject({
      touch: 'chat',
      conversationId: c,
      operatorId: ben,
      teamId: outdoor,
      inboxId: ws.inbox.id,
      triggerId: null,
      valueMinor: 24990,
    });
    expect(sales.at(-1)?.purchaseId).toBe(r.purchase.id);
    const rows = await ctx.db.selectFrom('purchase_attributions').selectAll().where('purchase_id', '=', r.purchase.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rule: 'last_touch', touched_at: t0 + 60_000, purchased_at: t0 + HOUR });
  });

  it('sends the sale frame to owners and admins, the credited operator and the supervisors of the credited team only', async () => {
    const ana = await operator(ws, 'Ana');
    const bob = await operator(ws, 'Bob');
    const sue = await operator(ws, 'Sue', 'supervisor');
    const tom = await operator(ws, 'Tom', 'supervisor');
    const mine = await team(ws, 'Bikes');
    const theirs = await team(ws, 'Boats');
    for (const [teamId, operatorId] of [
      [mine, ana],
      [mine, bob],
      [mine, sue],
      [theirs, tom],
    ] as const)
      await ctx.db
        .insertInto('team_members')
        .values({ team_id: teamId, operator_id: operatorId, workspace_id: ws.workspaceId, created_at: clock.now() })
        .execute();
    const v = await visitor();
    const t0 = clock.now();
    await chat(ws, v.id, [{ by: ana, at: t0 }], mine);
    clock.set(t0 + 1000);
    const r = await buy(v, {});
    await expect.poll(() => published.filter((p) => p.orderId === r.purchase.order_id).map((p) => p.room)).toHaveLength(3);
    const rooms = published.filter((p) => p.orderId === r.purchase.order_id).map((p) => p.room);
    expect(rooms.sort()).toEqual([`operator:${ana}`, `operator:${sue}`, `operators-all:${ws.workspaceId}`].sort());
    expect(rooms).not.toContain(`operator:${bob}`);
    expect(rooms).not.toContain(`operator:${tom}`);
  });

  it('counts a repeated order id once: no second purchase, no second attribution, no second frame', async () => {
    const v = await visitor();
    const t0 = clock.now();
    await chat(ws, v.id, [{ by: ws.owner.id, at: t0 }]);
    clock.set(t0 + 1000);
    const orderId = order();
    const first = await buy(v, { orderId, value: 30 });
    const before = sales.length;
    const again = await buy(v, { orderId, value: 999 });
    expect(again.repeated).toBe(true);
    expect(again.purchase.id).toBe(first.purchase.id);
    expect(Number(again.purchase.value_minor)).toBe(3000);
    expect(again.sale?.purchaseId).toBe(first.purchase.id);
    expect(sales.length).toBe(before);
    const count = await ctx.db
      .selectFrom('purchases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', ws.workspaceId)
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const attributed = await ctx.db.selectFrom('purchase_attributions').select('purchase_id').where('purchase_id', '=', first.purchase.id).execute();
    expect(attributed).toHaveLength(1);
  });

  it('attributes within the window, its last millisecond included, and not after; the window is a setting', async () => {
    const t0 = clock.now();
    const inside = await visitor();
    const outside = await visitor();
    await chat(ws, inside.id, [{ by: ws.owner.id, at: t0 }]);
    await chat(ws, outside.id, [{ by: ws.owner.id, at: t0 }]);
    clock.set(t0 + 7 * DAY_MS);
    expect((await buy(inside, {})).sale?.touch).toBe('chat');
    clock.set(t0 + 7 * DAY_MS + 1);
    expect((await buy(outside, {})).sale).toBeNull();

    await setSalesSettings(ctx, ws.owner, { attributionWindowDays: 1 });
    const t1 = clock.now();
    const shortA = await visitor();
    const shortB = await visitor();
    await chat(ws, shortA.id, [{ by: ws.owner.id, at: t1 }]);
    await chat(ws, shortB.id, [{ by: ws.owner.id, at: t1 }]);
    clock.set(t1 + DAY_MS);
    expect((await buy(shortA, {})).sale).not.toBeNull();
    clock.set(t1 + DAY_MS + 1);
    expect((await buy(shortB, {})).sale).toBeNull();
    await setSalesSettings(ctx, ws.owner, { attributionWindowDays: 7 });
  });

  it('a purchase before any touch, or by a visitor with none, is stored but attributed to nobody', async () => {
    const v = await visitor();
    const r = await buy(v, {});
    expect(r.sale).toBeNull();
    expect(await ctx.db.selectFrom('purchases').select('id').where('id', '=', r.purchase.id).executeTakeFirst()).toBeDefined();
    // A reply after the purchase is no touch for it.
    const t0 = clock.now();
    await chat(ws, v.id, [{ by: ws.owner.id, at: t0 + 1000 }]);
    clock.set(t0 + 500);
    expect((await buy(v, {})).sale).toBeNull();
    clock.set(t0 + 2000);
  });

  it('picks the latest touch: a trigger shown after the chat wins, a chat after the trigger wins', async () => {
    const sale = await trigger(ws, 'Tent page');
    const t0 = clock.now();
    const a = await visitor();
    const c = await chat(ws, a.id, [{ by: ws.owner.id, at: t0 }]);
    await shown(ws, sale, a.id, t0 + HOUR, 'b');
    clock.set(t0 + 2 * HOUR);
    expect((await buy(a, {})).sale).toMatchObject({ touch: 'trigger', triggerId: sale, triggerVariant: 'b', conversationId: null, operatorId: null });

    const b = await visitor();
    await shown(ws, sale, b.id, t0 + HOUR);
    const cb = await chat(ws, b.id, [{ by: ws.owner.id, at: t0 + HOUR + 60_000 }]);
    expect((await buy(b, {})).sale).toMatchObject({ touch: 'chat', conversationId: cb, operatorId: ws.owner.id, triggerId: null });
    expect(c).not.toBe(cb);
  });

  it('credits the trigger (and its variant) that started the attributed conversation', async () => {
    const t = await trigger(ws, 'Exit intent');
    const t0 = clock.now();
    const v = await visitor();
    const c = await chat(ws, v.id, [{ by: ws.owner.id, at: t0 + 5000 }]);
    await shown(ws, t, v.id, t0, 'b', c);
    clock.set(t0 + HOUR);
    expect((await buy(v, {})).sale).toMatchObject({ touch: 'chat', conversationId: c, operatorId: ws.owner.id, triggerId: t, triggerVariant: 'b' });
  });

  it('attributes a purchase on another device of the same contact', async () => {
    const t0 = clock.now();
    const laptop = await visitor();
    const phone = await visitor();
    const contactId = newId();
    await ctx.db
      .insertInto('contacts')
      .values({
        id: contactId,
        workspace_id: ws.workspaceId,
        name: 'Maya',
        email: null,
        attributes: '{}',
        external_id: null,
        verified_at: null,
        claimed_external_id: null,
        created_at: t0,
        updated_at: t0,
      })
      .execute();
    await ctx.db.updateTable('visitors').set({ contact_id: contactId }).where('id', 'in', [laptop.id, phone.id]).execute();
    const c = await chat(ws, laptop.id, [{ by: ws.owner.id, at: t0 }]);
    clock.set(t0 + HOUR);
    const r = await buy(phone, {});
    expect(r.purchase.contact_id).toBe(contactId);
    expect(r.sale).toMatchObject({ conversationId: c });
  });

  it('keeps workspaces apart: the same order id in each, no touch across them', async () => {
    const other = await workspace();
    const t0 = clock.now();
    const mine = await visitor();
    await chat(ws, mine.id, [{ by: ws.owner.id, at: t0 }]);
    const theirs = await visitor(other);
    clock.set(t0 + 1000);
    const orderId = order();
    const a = await buy(mine, { orderId });
    const b = await buy(theirs, { orderId });
    expect(b.repeated).toBe(false);
    expect(b.purchase.id).not.toBe(a.purchase.id);
    expect(b.sale).toBeNull();
    const report = await salesReport(ctx, other.owner, { from: t0 - DAY_MS, to: t0 + DAY_MS, groupBy: 'operator' });
    expect(report.totals.purchases).toBe(0);
    expect(report.rows).toEqual([]);
  });

  it('reports by operator, team, inbox and trigger, converting with the rates and keeping currencies without one apart', async () => {
    const w = await workspace();
    await setSalesSettings(ctx, w.owner, { reportCurrency: 'EUR', rates: { USD: 0.5 }, revenueGoal: 3000, conversionRateGoal: 25 });
    const ana = await operator(w, 'Ana');
    const support = await team(w, 'Support');
    const t = await trigger(w, 'Cart value over 100');
    const day0 = Math.floor(clock.now() / DAY_MS) * DAY_MS + DAY_MS;
    clock.set(day0 + 9 * HOUR);
    const v1 = await visitor(w);
    const v2 = await visitor(w);
    const v3 = await visitor(w);
    const v4 = await visitor(w);
    const t0 = clock.now();
    const c1 = await chat(w, v1.id, [{ by: ana, at: t0 }], support);
    await chat(w, v2.id, [{ by: w.owner.id, at: t0 }]);
    const c3 = await chat(w, v3.id, [{ by: ana, at: t0 }], support);
    await shown(w, t, v3.id, t0 - 1000, 'a', c3);
    await chat(w, v4.id, [{ by: ana, at: t0 }]);
    clock.set(t0 + HOUR);
    await buy(v1, { value: 100, currency: 'EUR' });
    await buy(v1, { value: 50, currency: 'USD' });
    await buy(v3, { value: 1000, currency: 'JPY' });
    await buy(v2, { value: 20, currency: 'EUR' });
    const from = day0;
    const to = day0 + DAY_MS;
    const byOperator = await salesReport(ctx, w.owner, { from, to, groupBy: 'operator' });
    expect(byOperator.currency).toBe('EUR');
    expect(byOperator.rule).toMatch(/^Last touch: .*within 7 days/);
    const anaRow = byOperator.rows.find((r) => r.id === ana);
    expect(anaRow).toMatchObject({
      name: 'Ana',
      purchases: 3,
      revenueMinor: 12500,
      amounts: { EUR: 10000, USD: 5000, JPY: 1000 },
      unconverted: ['JPY'],
      conversations: 3,
      convertedConversations: 2,
      averageOrderMinor: 6250,
    });
    expect(anaRow?.conversionRate).toBeCloseTo(2 / 3);
    expect(byOperator.rows.find((r) => r.id === w.owner.id)).toMatchObject({
      purchases: 1,
      revenueMinor: 2000,
      conversations: 1,
      convertedConversations: 1,
      conversionRate: 1,
    });
    expect(byOperator.totals).toMatchObject({
      purchases: 4,
      revenueMinor: 14500,
      conversations: 4,
      convertedConversations: 3,
      unconverted: ['JPY'],
      conversionRate: 0.75,
    });
    expect(byOperator.goals.conversionRate).toBeCloseTo(0.25);
    expect(byOperator.goals.revenueMinor).toBe(10000);
    expect(byOperator.goals.revenueProgress).toBeCloseTo(1.45);

    const byTeam = await salesReport(ctx, w.owner, { from, to, groupBy: 'team' });
    expect(byTeam.rows.find((r) => r.id === support)).toMatchObject({
      name: 'Support',
      purchases: 3,
      conversations: 2,
      convertedConversations: 2,
      conversionRate: 1,
    });
    expect(byTeam.rows.find((r) => r.id === null)).toMatchObject({ name: 'No team', purchases: 1, conversations: 2 });
    const byInbox = await salesReport(ctx, w.owner, { from, to, groupBy: 'inbox' });
    expect(byInbox.rows).toEqual([expect.objectContaining({ id: w.inbox.id, name: 'Web', purchases: 4, conversations: 4 })]);
    const byTrigger = await salesReport(ctx, w.owner, { from, to, groupBy: 'trigger' });
    expect(byTrigger.rows.find((r) => r.id === t)).toMatchObject({
      name: 'Cart value over 100',
      purchases: 1,
      revenueMinor: 0,
      unconverted: ['JPY'],
      conversations: 1,
      conversionRate: 1,
    });
    expect(c1).toBeTruthy();

    // A supervisor counts what they may see: their teams' conversations and those of no team.
    const other = await team(w, 'Other');
    const asSupervisor = async (teamId: string) => {
      const id = await operator(w, 'Sam', 'supervisor');
      await ctx.db.insertInto('team_members').values({ team_id: teamId, operator_id: id, workspace_id: w.workspaceId, created_at: clock.now() }).execute();
      return { ...w.owner, id, role: 'supervisor' as const };
    };
    const outside = await salesReport(ctx, await asSupervisor(other), { from, to, groupBy: 'operator' });
    expect(outside.totals).toMatchObject({ purchases: 1, revenueMinor: 2000, conversations: 2, convertedConversations: 1 });
    expect(outside.rows.find((r) => r.id === ana)).toMatchObject({ purchases: 0, conversations: 1 });
    const inside = await salesReport(ctx, await asSupervisor(support), { from, to, groupBy: 'operator' });
    expect(inside.totals).toMatchObject({ purchases: 4, conversations: 4 });
    const outsideDays = await salesTimeseries(ctx, await asSupervisor(other), { from, to });
    expect(outsideDays.days[0]).toMatchObject({ revenueMinor: 2000, purchases: 1, conversations: 2, conversionRate: 0.5 });

    const series = await salesTimeseries(ctx, w.owner, { from: day0 - DAY_MS, to: day0 + 2 * DAY_MS });
    expect(series.days.map((d) => d.day)).toEqual([day0 - DAY_MS, day0, day0 + DAY_MS]);
    expect(series.days[1]).toMatchObject({ revenueMinor: 14500, purchases: 4, conversations: 4, conversionRate: 0.75 });
    expect(series.days[0]).toMatchObject({ revenueMinor: 0, purchases: 0, conversionRate: null });
    expect(series.unconverted).toEqual(['JPY']);
    expect(series.revenueGoalPerDayMinor).toBe(10000);
  });
});
