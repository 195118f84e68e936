/**
 * Proactive triggers on every storage backend: kept per inbox in order and
 * changed; the widget's rules in the visitor's language; impressions within
 * each frequency cap (per visitor, per visit, every N days, on the clock);
 * Reply starting the conversation with the trigger's message from its sender
 * and linking the impression once; the figures per variant with purchases per
 * currency; and nothing of one workspace seen from another.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { ManualClock } from '../src/clock.js';
import type { Context } from '../src/context.js';
import type { DatabaseHandle } from '../src/db/database.js';
import {
  createTrigger,
  deleteTrigger,
  listTriggers,
  recordImpression,
  replyToImpression,
  triggerStats,
  updateTrigger,
  widgetTriggers,
} from '../src/trigger/trigger.service.js';
import { triggerInput } from '../src/trigger/trigger.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';
import '../src/sales/purchase.table.js';

const DAY = 86_400_000;

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('triggers on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let ws: NewWorkspace;
  let other: NewWorkspace;
  const clock = new ManualClock();
  const availability = { frame: async () => ({ type: 'availability' as const, available: false }) };

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-triggers-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath, clock));
    ws = await createWorkspace(ctx, { name: 'W', ownerEmail: `tr-${tag}@x.test`, ownerName: 'Maya', ownerPassword: 'password-w', inboxName: 'Web' });
    other = await createWorkspace(ctx, { name: 'O', ownerEmail: `tr-o-${tag}@x.test`, ownerName: 'Otto', ownerPassword: 'password-o', inboxName: 'Other' });
  });
  afterAll(async () => {
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const input = (over: Record<string, unknown> = {}) =>
    triggerInput.parse({ name: 'Lamps', messages: { a: { en: 'Need a hand choosing a lamp?', de: 'Hilfe bei der Lampe?' } }, ...over });
  const visitor = async () => (await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey })).visitor;

  it('keeps triggers per inbox in order, changes and deletes them', async () => {
    const first = await createTrigger(ctx, ws.owner, ws.inbox.id, input({ conditions: { urlPattern: '*/products/*', timeOnPage: 10 } }));
    const second = await createTrigger(ctx, ws.owner, ws.inbox.id, input({ name: 'Exit', conditions: { exitIntent: true } }));
    expect(first).toMatchObject({ name: 'Lamps', enabled: true, position: 0, sender: { kind: 'bot' }, frequency: { per: 'visitor' }, onlyWhen: 'always' });
    expect(second.position).toBe(1);
    expect((await listTriggers(ctx, ws.owner, ws.inbox.id)).map((t) => t.name)).toEqual(['Lamps', 'Exit']);
    const changed = await updateTrigger(ctx, ws.owner, second.id, { position: 0, enabled: false, sender: { kind: 'operator', operatorId: ws.owner.id } });
    expect(changed).toMatchObject({ enabled: false, sender: { kind: 'operator', operatorId: ws.owner.id } });
    expect((await listTriggers(ctx, ws.owner, ws.inbox.id)).map((t) => t.name)).toEqual(['Exit', 'Lamps']);
    await expect(updateTrigger(ctx, ws.owner, second.id, { sender: { kind: 'team', teamId: 'nope' } })).rejects.toMatchObject({ code: 'validation_failed' });
    await deleteTrigger(ctx, ws.owner, second.id);
    expect((await listTriggers(ctx, ws.owner, ws.inbox.id)).map((t) => t.name)).toEqual(['Lamps']);
  });

  it('gives the widget the enabled triggers in the visitor’s language, with who they are from', async () => {
    const rules = await widgetTriggers(ctx, availability, { key: ws.inbox.websiteKey, origin: 'https://shop.example', lang: 'de' });
    expect(rules.available).toBe(false);
    expect(rules.open).toBe(true);
    expect(rules.labels).toEqual({ from: 'Nachricht von {name}', dismiss: 'Nachricht schließen', reply: 'Antworten' });
    expect(rules.triggers).toHaveLength(1);
    expect(rules.triggers[0]).toMatchObject({ a: 'Hilfe bei der Lampe?', b: null, split: 100, conditions: { urlPattern: '*/products/*' } });
    const fr = await widgetTriggers(ctx, availability, { key: ws.inbox.websiteKey, origin: 'https://shop.example', lang: 'fr' });
    expect(fr.triggers[0]?.a).toBe('Need a hand choosing a lamp?');
  });

  it('records impressions within each frequency cap', async () => {
    const perVisitor = await createTrigger(ctx, ws.owner, ws.inbox.id, input({ name: 'Once' }));
    const perVisit = await createTrigger(ctx, ws.owner, ws.inbox.id, input({ name: 'Visit', frequency: { per: 'visit' } }));
    const weekly = await createTrigger(ctx, ws.owner, ws.inbox.id, input({ name: 'Weekly', frequency: { per: 'days', days: 7 } }));
    const v = await visitor();
    const capped = { code: 'conflict', details: { reason: 'capped' } };
    await recordImpression(ctx, v, perVisitor.id, { variant: 'a', visitId: 'v1' });
    await expect(recordImpression(ctx, v, perVisitor.id, { variant: 'a', visitId: 'v2' })).rejects.toMatchObject(capped);
    await recordImpression(ctx, v, perVisit.id, { variant: 'a', visitId: 'v1' });
    await expect(recordImpression(ctx, v, perVisit.id, { variant: 'a', visitId: 'v1' })).rejects.toMatchObject(capped);
    await recordImpression(ctx, v, perVisit.id, { variant: 'a', visitId: 'v2' });
    await recordImpression(ctx, v, weekly.id, { variant: 'a' });
    clock.set(clock.now() + 6 * DAY);
    await expect(recordImpression(ctx, v, weekly.id, { variant: 'a' })).rejects.toMatchObject(capped);
    clock.set(clock.now() + DAY);
    expect((await recordImpression(ctx, v, weekly.id, { variant: 'b' })).variant).toBe('a');
    // Another visitor has caps of their own.
    await recordImpression(ctx, await visitor(), perVisitor.id, { variant: 'a' });
    // A trigger turned off, or of another inbox, is not shown.
    await updateTrigger(ctx, ws.owner, perVisitor.id, { enabled: false });
    await expect(recordImpression(ctx, await visitor(), perVisitor.id, { variant: 'a' })).rejects.toMatchObject({ code: 'not_found' });
    const elsewhere = (await startWidgetSession(ctx, { websiteKey: other.inbox.websiteKey })).visitor;
    await expect(recordImpression(ctx, elsewhere, perVisit.id, { variant: 'a' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('starts the conversation with the trigger’s message from its sender when the visitor replies, once', async () => {
    const t = await createTrigger(
      ctx,
      ws.owner,
      ws.inbox.id,
      input({ name: 'A/B', messages: { a: { en: 'Hello from A' }, b: { en: 'Hello from B' } }, sender: { kind: 'operator', operatorId: ws.owner.id } }),
    );
    const v = await visitor();
    const shown = await recordImpression(ctx, v, t.id, { variant: 'b' });
    const r = await replyToImpression(ctx, v, shown.impressionId, { language: 'en' });
    expect(r.started).toBe(true);
    const conv = await ctx.db.selectFrom('conversations').selectAll().where('id', '=', r.conversationId).executeTakeFirstOrThrow();
    expect(conv).toMatchObject({ visitor_id: v.id, assignee_id: ws.owner.id, inbox_id: ws.inbox.id });
    const messages = await ctx.db.selectFrom('messages').selectAll().where('conversation_id', '=', r.conversationId).execute();
    expect(messages.map((m) => [m.author_kind, m.author_id, m.author_name, m.body])).toEqual([['operator', ws.owner.id, 'Maya', 'Hello from B']]);
    // Again: the same conversation, nothing new.
    expect(await replyToImpression(ctx, v, shown.impressionId, {})).toEqual({ conversationId: r.conversationId, started: false });
    // Someone else's impression is not theirs to answer.
    await expect(replyToImpression(ctx, await visitor(), shown.impressionId, {})).rejects.toMatchObject({ code: 'not_found' });

    // Figures: shown per variant, replied, purchases per currency.
    const a1 = await recordImpression(ctx, await visitor(), t.id, { variant: 'a' });
    await recordImpression(ctx, await visitor(), t.id, { variant: 'a' });
    expect(a1.variant).toBe('a');
    for (const [i, variant, value, currency] of [
      [1, 'b', 4999, 'EUR'],
      [2, 'b', 1000, 'EUR'],
      [3, 'a', 2500, 'USD'],
    ] as const) {
      await ctx.db
        .insertInto('purchase_attributions')
        .values({
          purchase_id: `p-${tag}-${i}`,
          workspace_id: ws.workspaceId,
          inbox_id: ws.inbox.id,
          touch: 'trigger',
          conversation_id: null,
          operator_id: null,
          team_id: null,
          trigger_id: t.id,
          trigger_variant: variant,
          rule: 'last_touch',
          touched_at: clock.now(),
          value_minor: value,
          currency,
          purchased_at: clock.now(),
        })
        .execute();
    }
    const stats = await triggerStats(ctx, ws.owner, t.id);
    expect(stats).toMatchObject({
      shown: 3,
      replied: 1,
      purchases: 3,
      revenue: [
        { currency: 'EUR', valueMinor: 5999 },
        { currency: 'USD', valueMinor: 2500 },
      ],
      variants: {
        a: { shown: 2, replied: 0, replyRate: 0, purchases: 1 },
        b: { shown: 1, replied: 1, replyRate: 1, purchases: 2, revenue: [{ currency: 'EUR', valueMinor: 5999 }] },
      },
      winner: { variant: null },
    });
    expect(stats.winner.reason).toMatch(/No winner yet/);
  });

  it('shows nothing of one workspace to another', async () => {
    const [t] = await listTriggers(ctx, ws.owner, ws.inbox.id);
    await expect(listTriggers(ctx, other.owner, ws.inbox.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(triggerStats(ctx, other.owner, t!.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(updateTrigger(ctx, other.owner, t!.id, { name: 'Mine' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteTrigger(ctx, other.owner, t!.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(createTrigger(ctx, other.owner, ws.inbox.id, input())).rejects.toMatchObject({ code: 'not_found' });
    await expect(createTrigger(ctx, other.owner, other.inbox.id, input({ sender: { kind: 'operator', operatorId: ws.owner.id } }))).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect((await widgetTriggers(ctx, availability, { key: other.inbox.websiteKey, origin: 'https://x.example' })).triggers).toEqual([]);
  });
});
