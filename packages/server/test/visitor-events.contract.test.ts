/**
 * Visitors' tracked events on every storage backend (migration 0029): stored
 * with their data, listed newest first with a keyset cursor, scoped to their
 * workspace, and deleted by retention.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { ManualClock } from '../src/clock.js';
import type { Context } from '../src/context.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { deleteVisitorEventsBefore, listVisitorEvents } from '../src/visitor/visitor-event.repository.js';
import { trackVisitorEvent } from '../src/visitor/visitor-event.service.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('visitor events on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let ctx: Context;
  let ws: NewWorkspace;
  let other: NewWorkspace;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    ({ ctx } = await contextOn(handle, mkdtempSync(join(tmpdir(), 'sb-events-')), backend.fastPath, clock));
    ws = await createWorkspace(ctx, { name: 'E', ownerEmail: `e-${tag}@x.test`, ownerName: 'Eva', ownerPassword: 'password-e', inboxName: 'Web' });
    other = await createWorkspace(ctx, { name: 'O', ownerEmail: `eo-${tag}@x.test`, ownerName: 'Otto', ownerPassword: 'password-o', inboxName: 'Other' });
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
  });

  it('keeps events with their data, newest first, paged, in their workspace, until retention', async () => {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
    const t0 = clock.now();
    const a = await trackVisitorEvent(ctx, { visitor, event: { name: 'Signed up' } });
    const b = await trackVisitorEvent(ctx, { visitor, event: { name: 'Added to cart', data: { value: 42, sku: 'A-1', gift: true } } });
    await clock.advance(1000);
    const c = await trackVisitorEvent(ctx, { visitor, event: { name: 'Paid' } });
    expect(a).toMatchObject({ name: 'Signed up', data: null, createdAt: t0 });

    const all = await listVisitorEvents(ctx.db, { workspaceId: ws.workspaceId, visitorId: visitor.id, limit: 10 });
    expect(all.map((e) => e.id)).toEqual([c.id, ...[a.id, b.id].sort().reverse()]);
    expect(all.map((e) => Number(e.created_at))).toEqual([t0 + 1000, t0, t0]);
    expect(JSON.parse(all.find((e) => e.id === b.id)?.data ?? 'null')).toEqual({ value: 42, sku: 'A-1', gift: true });

    // Two at the same millisecond are paged apart by id.
    const second = all[1]!;
    const rest = await listVisitorEvents(ctx.db, {
      workspaceId: ws.workspaceId,
      visitorId: visitor.id,
      before: { createdAt: Number(second.created_at), id: second.id },
      limit: 10,
    });
    expect(rest.map((e) => e.id)).toEqual([all[2]!.id]);
    expect(await listVisitorEvents(ctx.db, { workspaceId: other.workspaceId, visitorId: visitor.id, limit: 10 })).toEqual([]);

    expect(await deleteVisitorEventsBefore(ctx.db, t0 + 1, 100)).toBe(2);
    expect((await listVisitorEvents(ctx.db, { workspaceId: ws.workspaceId, visitorId: visitor.id, limit: 10 })).map((e) => e.id)).toEqual([c.id]);
  });
});
