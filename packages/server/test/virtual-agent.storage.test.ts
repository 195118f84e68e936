/**
 * The virtual agent's settings on every storage backend: off by default;
 * turned on, the inbox has a bot with no usable token that new
 * conversations go to (out of the queue); renamed; turned off, the bot goes
 * and the settings stay.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import type { Context } from '../src/context.js';
import { startConversation } from '../src/conversation/start-conversation.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { getVirtualAgent, setVirtualAgent } from '../src/virtual-agent/virtual-agent-settings.js';
import { VirtualAgent } from '../src/virtual-agent/virtual-agent.service.js';
import type { BotService } from '../src/webhook/bot.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('virtual agent settings on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let ws: NewWorkspace;
  // No conversation is handed over here: turning it off with none in its hands touches no bot service.
  const bots = {} as BotService;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-virtual-agent-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath));
    ws = await createWorkspace(ctx, { name: 'W', ownerEmail: `va-${tag}@x.test`, ownerName: 'Wim', ownerPassword: 'password-w', inboxName: 'Web' });
  });
  afterAll(async () => {
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const newConversation = async () => {
    const session = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
    return startConversation(ctx.db, { workspaceId: ws.workspaceId, inboxId: ws.inbox.id, visitorId: session.visitor.id, now: Date.now() });
  };
  const botRow = () => ctx.db.selectFrom('bots').selectAll().where('inbox_id', '=', ws.inbox.id).executeTakeFirst();

  it('is off by default, and turned on gives the inbox a bot that new conversations go to', async () => {
    expect(await getVirtualAgent(ctx, ws.owner, ws.inbox.id)).toEqual({
      inboxId: ws.inbox.id,
      enabled: false,
      name: 'Virtual agent',
      maxTurns: 3,
      threshold: 0.45,
    });
    expect(await botRow()).toBeUndefined();
    const on = await setVirtualAgent(ctx, bots, ws.owner, ws.inbox.id, { enabled: true, name: 'Ava', maxTurns: 2, threshold: 0.6 });
    expect(on).toEqual({ inboxId: ws.inbox.id, enabled: true, name: 'Ava', maxTurns: 2, threshold: 0.6 });
    const bot = await botRow();
    expect(bot).toMatchObject({ name: 'Ava' });
    expect(bot!.token_hash).toMatch(/^virtual-agent:/);
    const c = await newConversation();
    expect(c.queued_at).toBeNull();
    const handling = await new VirtualAgent(ctx, bots).handling(ws.workspaceId, c.id);
    expect(handling).toEqual({ bot: { id: bot!.id, workspaceId: ws.workspaceId, inboxId: ws.inbox.id, name: 'Ava' }, maxTurns: 2, threshold: 0.6 });
  });

  it('renames its bot, and turned off removes it and keeps the settings', async () => {
    await setVirtualAgent(ctx, bots, ws.owner, ws.inbox.id, { enabled: true, name: 'Bea', maxTurns: 2, threshold: 0.6 });
    expect((await botRow())?.name).toBe('Bea');
    // Its conversations were handed over first (none left here).
    await ctx.db.updateTable('bot_conversations').set({ handed_over_at: Date.now() }).execute();
    const off = await setVirtualAgent(ctx, bots, ws.owner, ws.inbox.id, { enabled: false, name: 'Bea', maxTurns: 2, threshold: 0.6 });
    expect(off.enabled).toBe(false);
    expect(await botRow()).toBeUndefined();
    const c = await newConversation();
    expect(await new VirtualAgent(ctx, bots).handling(ws.workspaceId, c.id)).toBeNull();
    expect(await getVirtualAgent(ctx, ws.owner, ws.inbox.id)).toMatchObject({ name: 'Bea', maxTurns: 2, threshold: 0.6 });
  });
});
