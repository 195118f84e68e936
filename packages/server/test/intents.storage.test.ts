/**
 * Intents on every storage backend (SQLite and PostgreSQL when present), on
 * one clock moved by hand: training runs as a job and stores versions, the
 * routing of an inbox is written and rewritten, a conversation of an inbox
 * that routes by intent waits out of the queue until its first message's
 * decision moves it, and the active model is refreshed on another node
 * (another cache on the same pub/sub) after a training and a rollback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { setInboxTeam } from '../../../test/support/inbox-team.js';
import { ManualClock } from '../src/clock.js';
import type { Context } from '../src/context.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { newId } from '../src/ids.js';
import { findIntent } from '../src/intent/intent.repository.js';
import { IntentModels } from '../src/intent/intent-models.js';
import { activateVersion, getRouting, listVersions, setRouting, startTraining } from '../src/intent/intent.service.js';
import { type IntentFeature, startIntents } from '../src/intent/subscribe.js';
import { createLabel } from '../src/label/label.service.js';
import { setConversationLabels } from '../src/label/set-conversation-labels.js';
import { sendMessage } from '../src/message/message.service.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

const TEXTS = {
  billing: [
    'I was charged twice',
    'Refund the extra payment please',
    'My invoice has a wrong fee',
    'Change my credit card',
    'Why was my card billed?',
    'Invoice copy please',
  ],
  shipping: [
    'Where is my parcel?',
    'My order has not arrived',
    'Delivery to Canada time?',
    'Tracking number is broken',
    'Change my delivery address',
    'The courier lost my box',
  ],
};

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('intents on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let ws: NewWorkspace;
  let feature: IntentFeature;
  let otherNode: IntentModels;
  const labels: Record<string, string> = {};
  let n = 0;

  const ask = async (body: string) => {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
    const r = await sendMessage(ctx, {
      workspaceId: ws.workspaceId,
      visitor,
      author: { kind: 'visitor', id: visitor.id, name: null },
      clientId: `q${++n}`,
      body,
    });
    return r.message.conversationId;
  };
  const train = async () => {
    await startTraining(ctx, ws.owner);
    await ctx.jobs.runDue();
  };

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-intents-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath, clock));
    feature = await startIntents(ctx, async () => {});
    otherNode = new IntentModels(ctx);
    await otherNode.start();
    ws = await createWorkspace(ctx, { name: 'I', ownerEmail: `i-${tag}@x.test`, ownerName: 'Ida', ownerPassword: 'password-i', inboxName: 'Web' });
    for (const [name, texts] of Object.entries(TEXTS)) {
      labels[name] = (await createLabel(ctx, ws.owner, { name, color: '#6b7380' })).id;
      for (const text of texts) await setConversationLabels(ctx, { actor: ws.owner, conversationId: await ask(text), add: [labels[name]!], remove: [] });
    }
  }, 60_000);
  afterAll(async () => {
    await feature?.stop();
    await otherNode?.stop();
    await ctx?.jobs.stop();
    await ctx?.articles.stop();
    await handle?.close();
    await cleanup?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores each training as a version, and another node follows the active one through a training and a rollback', async () => {
    await train();
    let list = await listVersions(ctx, ws.owner);
    expect(list.training).toMatchObject({ status: 'done', percent: 100 });
    expect(list.items.map((v) => [v.version, v.active, v.exampleCount])).toEqual([[1, true, 12]]);
    expect((await otherNode.active(ws.workspaceId))?.version).toBe(1);
    await train();
    list = await listVersions(ctx, ws.owner);
    expect(list.items.map((v) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    await vi.waitFor(async () => expect((await otherNode.active(ws.workspaceId))?.version).toBe(2));
    await activateVersion(ctx, feature.models, ws.owner, list.items[1]!.id);
    await vi.waitFor(async () => expect((await otherNode.active(ws.workspaceId))?.version).toBe(1));
  }, 60_000);

  it('holds a conversation of an inbox that routes by intent out of the queue until its first message moves it to the mapped team', async () => {
    const teamId = newId();
    const supportId = newId();
    const now = clock.now();
    await ctx.db
      .insertInto('teams')
      .values([
        { id: teamId, workspace_id: ws.workspaceId, name: 'Billing desk', created_at: now, updated_at: now },
        { id: supportId, workspace_id: ws.workspaceId, name: 'Support', created_at: now, updated_at: now },
      ])
      .execute();
    await setInboxTeam(ctx.db, ws.inbox.id, supportId);
    await setRouting(ctx, ws.owner, ws.inbox.id, { enabled: false, routes: [] });
    await setRouting(ctx, ws.owner, ws.inbox.id, { enabled: true, routes: [{ labelId: labels.billing!, teamId }] });
    expect(await getRouting(ctx, ws.owner, ws.inbox.id)).toEqual({ inboxId: ws.inbox.id, enabled: true, routes: [{ labelId: labels.billing, teamId }] });

    const id = await ask('I was charged twice for one order, please refund the extra payment');
    await vi.waitFor(async () => expect((await findIntent(ctx.db, ws.workspaceId, id))?.status).toBe('decided'));
    const intent = (await findIntent(ctx.db, ws.workspaceId, id))!;
    expect(intent).toMatchObject({ label_id: labels.billing, routed_team_id: teamId, routing: 1 });
    const row = await ctx.db.selectFrom('conversations').select(['team_id', 'queued_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.team_id).toBe(teamId);
    expect(row.queued_at).not.toBeNull();
  });
});
