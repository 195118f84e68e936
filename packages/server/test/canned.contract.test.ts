/**
 * Teams, canned responses and macros behave the same on every storage
 * backend (SQLite always, PostgreSQL when reachable; required in CI):
 * memberships added once, a team's responses deleted with it, an import
 * stored whole or not at all, the search built from storage, a macro run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { createCanned, listCannedFor } from '../src/canned/canned.service.js';
import { importCannedResponses } from '../src/canned/canned-import.js';
import { CannedSearch } from '../src/canned/canned-search.js';
import type { Context } from '../src/context.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { AppError } from '../src/errors.js';
import { createMemoryPubSub } from '../src/pubsub/memory.js';
import type { PubSub } from '../src/pubsub/pubsub.js';
import { createRedisPubSub } from '../src/pubsub/redis.js';
import { hasRedis, REDIS_URL, uniqueName } from '../../../test/support/services.js';
import { createMacro } from '../src/macro/macro.service.js';
import { runMacro } from '../src/macro/run-macro.js';
import { sendMessage } from '../src/message/message.service.js';
import { addTeamMember, createTeam, deleteTeam, getTeam } from '../src/team/team.service.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

// The message writer's two SQLite paths are the storage contract's concern: one SQLite run is enough here.
describe.each(BACKENDS.filter((b) => b.name !== 'sqlite with the set-based writer'))('canned responses, teams and macros on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let a: NewWorkspace;
  let b: NewWorkspace;
  let search: CannedSearch;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-canned-contract-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath));
    a = await createWorkspace(ctx, { name: 'A', ownerEmail: `ca-${tag}@x.test`, ownerName: 'Ann', ownerPassword: 'password-a', inboxName: 'Web' });
    b = await createWorkspace(ctx, { name: 'B', ownerEmail: `cb-${tag}@x.test`, ownerName: 'Bob', ownerPassword: 'password-b', inboxName: 'Web' });
    search = new CannedSearch(ctx);
    await search.start();
  });
  afterAll(async () => {
    await search.stop();
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a member once, and deletes a team with its memberships and team responses', async () => {
    const team = await createTeam(ctx, a.owner, { name: 'Billing', memberIds: [] }, search);
    await addTeamMember(ctx, a.owner, team.id, a.owner.id, search);
    await addTeamMember(ctx, a.owner, team.id, a.owner.id, search);
    expect((await getTeam(ctx, a.owner, team.id)).memberIds).toEqual([a.owner.id]);
    await createCanned(ctx, search, a.owner, { shortcut: 'invoice', title: 'Invoices', body: 'Sent monthly', scope: 'team', teamId: team.id });
    expect((await search.search(a.owner, 'invoice', 5)).items.map((r) => r.shortcut)).toEqual(['invoice']);
    await deleteTeam(ctx, a.owner, team.id, search);
    expect((await search.search(a.owner, 'invoice', 5)).items).toEqual([]);
    expect(await handle.db.selectFrom('team_members').selectAll().where('team_id', '=', team.id).execute()).toEqual([]);
    expect(await handle.db.selectFrom('canned_responses').selectAll().where('team_id', '=', team.id).execute()).toEqual([]);
  });

  it('stores an import whole or not at all, and keeps workspaces apart', async () => {
    const bad = importCannedResponses(ctx, search, a.owner, 'shortcut,title,body\none,One,first\n,Two,second\n');
    await expect(bad).rejects.toBeInstanceOf(AppError);
    expect((await listCannedFor(ctx, a.owner)).map((c) => c.shortcut)).not.toContain('one');
    expect(await importCannedResponses(ctx, search, a.owner, 'shortcut,title,body,scope\none,One,first,workspace\ntwo,Two,second,\n')).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect((await search.search(a.owner, 'secnod', 5)).items.map((r) => r.shortcut)).toEqual(['two']);
    expect((await search.search(b.owner, 'one', 5)).items).toEqual([]);
    expect(await listCannedFor(ctx, b.owner)).toEqual([]);
  });

  it('runs a macro, each action leaving its record', async () => {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: a.inbox.websiteKey });
    const sent = await sendMessage(ctx, {
      workspaceId: a.workspaceId,
      visitor,
      author: { kind: 'visitor', id: visitor.id, name: null },
      clientId: 'm1',
      body: 'Hi',
    });
    const macro = await createMacro(ctx, a.owner, {
      name: 'Answer and resolve',
      scope: 'workspace',
      actions: [
        { kind: 'send_message', input: { body: 'Hello {{contact.first_name | there}}, {{operator.first_name}} here' } },
        { kind: 'set_status', input: { status: 'resolved' } },
      ],
    });
    const r = await runMacro(ctx, { actor: a.owner, conversationId: sent.message.conversationId, macroId: macro.id });
    expect(r.failed).toBeNull();
    expect(r.conversation.status).toBe('resolved');
    const bodies = await handle.db.selectFrom('messages').select('body').where('conversation_id', '=', sent.message.conversationId).orderBy('seq').execute();
    expect(bodies.map((m) => m.body)).toEqual(['Hi', 'Hello there, Ann here', 'Resolved by Ann']);
    await expect(runMacro(ctx, { actor: b.owner, conversationId: sent.message.conversationId, macroId: macro.id })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  // Two nodes on one database: each has its own index; a change on one is heard by the other.
  const buses: { name: string; make: () => Promise<[PubSub, PubSub]> }[] = [
    {
      name: 'in-process pub/sub',
      make: async () => {
        const p = createMemoryPubSub();
        return [p, p];
      },
    },
    ...(hasRedis
      ? [
          {
            name: 'Redis',
            make: async () => {
              const prefix = `${uniqueName('canned')}:`;
              return [await createRedisPubSub(REDIS_URL, prefix), await createRedisPubSub(REDIS_URL, prefix)] as [PubSub, PubSub];
            },
          },
        ]
      : []),
  ];
  it.each(buses)('keeps the search right on another node, through $name', async ({ make }) => {
    const [p1, p2] = await make();
    const node1 = new CannedSearch({ ...ctx, pubsub: p1 });
    const node2 = new CannedSearch({ ...ctx, pubsub: p2 });
    await node1.start();
    await node2.start();
    try {
      const shortcut = `n${Date.now().toString(36)}`;
      const titles = async () => (await node2.search(a.owner, shortcut, 5)).items.filter((r) => r.shortcut === shortcut).map((r) => r.title);
      expect(await titles()).toEqual([]);
      await createCanned(ctx, node1, a.owner, { shortcut, title: 'From node one', body: 'Hello', scope: 'workspace' });
      await expect.poll(titles).toEqual(['From node one']);
    } finally {
      await node1.stop();
      await node2.stop();
      if (p1 !== p2) await Promise.all([p1.close(), p2.close()]);
    }
  });

  it('rebuilds an index older than its lifetime, without any announcement', async () => {
    const quiet = new CannedSearch({ ...ctx, pubsub: createMemoryPubSub() }, { ttlMs: 0 });
    const shortcut = `t${Date.now().toString(36)}`;
    const titles = async () => (await quiet.search(a.owner, shortcut, 5)).items.filter((r) => r.shortcut === shortcut).map((r) => r.title);
    expect(await titles()).toEqual([]);
    await createCanned(ctx, { changed: async () => {} }, a.owner, { shortcut, title: 'Unannounced', body: 'Hello', scope: 'workspace' });
    expect(await titles()).toEqual(['Unannounced']);
  });
});
