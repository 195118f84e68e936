/**
 * The language model settings on every storage backend: saved with the key
 * sealed, saved again keeping or removing the key, one row per workspace,
 * removed; and a grounded call reading them (against the local fake server).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeLanguageModel, startFakeLanguageModel } from '../../../test/support/fake-language-model.js';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import type { Context } from '../src/context.js';
import { getLanguageModelSettings, removeLanguageModel, setLanguageModelSettings } from '../src/language-model/language-model.service.js';
import { WorkspaceLanguageModel } from '../src/language-model/workspace-language-model.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

const KEY = 'sk-contract-key-42';

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('language model settings on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  let cleanup: () => Promise<void>;
  let ctx: Context;
  let ws: NewWorkspace;
  let other: NewWorkspace;
  let fake: FakeLanguageModel;

  beforeAll(async () => {
    fake = await startFakeLanguageModel();
    const opened = await backend.open();
    cleanup = opened.cleanup;
    ({ ctx } = await contextOn(opened.handle, mkdtempSync(join(tmpdir(), 'sb-lm-'))));
    ws = await createWorkspace(ctx, { name: 'L', ownerEmail: `l-${tag}@x.test`, ownerName: 'Lea', ownerPassword: 'password-l', inboxName: 'Web' });
    other = await createWorkspace(ctx, { name: 'O', ownerEmail: `lo-${tag}@x.test`, ownerName: 'Otto', ownerPassword: 'password-o', inboxName: 'Other' });
  });
  afterAll(async () => {
    await fake?.close();
    await cleanup?.();
  });

  it('saves, keeps or removes the sealed key, per workspace, and removes the settings', async () => {
    const input = { endpointUrl: fake.url, model: 'm', timeoutMs: 2000, uses: ['agent' as const], allowPrivateAddresses: true };
    const saved = await setLanguageModelSettings(ctx, ws.owner, { ...input, apiKey: KEY });
    expect(saved).toMatchObject({ configured: true, hasKey: true, timeoutMs: 2000, uses: ['agent'], allowPrivateAddresses: true });
    const row = await ctx.db.selectFrom('language_model_settings').selectAll().executeTakeFirstOrThrow();
    expect(row.api_key_sealed).not.toContain(KEY);
    expect(await setLanguageModelSettings(ctx, ws.owner, { ...input, model: 'm2' })).toMatchObject({ model: 'm2', hasKey: true });
    expect(await getLanguageModelSettings(ctx, other.owner)).toMatchObject({ configured: false });

    const model = new WorkspaceLanguageModel(ctx);
    const req = { workspaceId: ws.workspaceId, task: 'agent' as const, question: 'Q?', passages: [{ id: 'p', title: 'T', text: 'x' }] };
    expect(await model.answer(req)).toEqual({ text: 'Here is what the article says.', citations: ['p'] });
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(await model.answer({ ...req, workspaceId: other.workspaceId })).toBeNull();
    expect(fake.requests).toHaveLength(1);

    expect(await setLanguageModelSettings(ctx, ws.owner, { ...input, apiKey: null })).toMatchObject({ hasKey: false });
    await removeLanguageModel(ctx, ws.owner);
    expect(await ctx.db.selectFrom('language_model_settings').selectAll().execute()).toHaveLength(0);
    expect(await model.answer(req)).toBeNull();
    expect(fake.requests).toHaveLength(1);
  });
});
