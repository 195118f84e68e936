/**
 * The workspace's language model settings, managed by its owners and admins:
 * read (never the key), saved (the key sealed at rest), removed, and tested
 * with one small grounded request.
 */
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { deleteSettings, findSettings, saveSettings } from './language-model.repository.js';
import { presentSettings, type SettingsDto, type SettingsInput, type TestResult } from './language-model-settings.js';
import type { LanguageModelSettingsTable } from './language-model.table.js';
import { secretBox, type WorkspaceLanguageModel } from './workspace-language-model.js';

export async function getLanguageModelSettings(ctx: Context, actor: Operator): Promise<SettingsDto> {
  authorize(actor, 'language_model.manage');
  return presentSettings(await findSettings(ctx.db, actor.workspaceId));
}

export async function setLanguageModelSettings(ctx: Context, actor: Operator, input: SettingsInput): Promise<SettingsDto> {
  authorize(actor, 'language_model.manage');
  const current = await findSettings(ctx.db, actor.workspaceId);
  const now = ctx.now();
  const sealed =
    input.apiKey === undefined ? (current?.api_key_sealed ?? null) : input.apiKey === null ? null : secretBox(ctx).seal(input.apiKey, actor.workspaceId);
  const row: LanguageModelSettingsTable = {
    workspace_id: actor.workspaceId,
    endpoint_url: input.endpointUrl,
    model: input.model,
    api_key_sealed: sealed,
    timeout_ms: input.timeoutMs,
    uses: JSON.stringify([...new Set(input.uses)]),
    allow_private: input.allowPrivateAddresses ? 1 : 0,
    created_at: current?.created_at ?? now,
    updated_at: now,
  };
  await saveSettings(ctx.db, row);
  // Never the key, nor the address (it may carry a token in its query).
  ctx.log.info(
    { operatorId: actor.id, workspaceId: actor.workspaceId, hasKey: sealed !== null, keyChanged: input.apiKey !== undefined, uses: input.uses },
    'language model settings saved',
  );
  return presentSettings(row);
}

export async function removeLanguageModel(ctx: Context, actor: Operator): Promise<void> {
  authorize(actor, 'language_model.manage');
  if (!(await deleteSettings(ctx.db, actor.workspaceId))) throw notFound('Language model');
  ctx.log.info({ operatorId: actor.id, workspaceId: actor.workspaceId }, 'language model removed');
}

const TEST_PASSAGE = {
  id: 'connection-test',
  title: 'Switchboard connection test',
  text: 'The word of the day at this help desk is “lighthouse”.',
};

/** One small grounded request with the saved settings (whatever their uses): ok, or the error code. */
export async function testLanguageModel(ctx: Context, model: WorkspaceLanguageModel, actor: Operator): Promise<TestResult> {
  authorize(actor, 'language_model.manage');
  const row = await findSettings(ctx.db, actor.workspaceId);
  if (!row) return { ok: false, code: 'not_configured', message: 'No language model is set for this workspace', answer: null, durationMs: 0 };
  const r = await model.ask(row, { workspaceId: actor.workspaceId, task: 'agent', question: 'What is the word of the day?', passages: [TEST_PASSAGE] });
  ctx.log.info(
    { operatorId: actor.id, workspaceId: actor.workspaceId, ok: r.ok, code: r.ok ? null : r.code, durationMs: r.durationMs },
    'language model tested',
  );
  if (r.ok) return { ok: true, code: null, message: `Answered with a citation in ${r.durationMs} ms`, answer: r.answer.text, durationMs: r.durationMs };
  return { ok: false, code: r.code, message: r.message, answer: null, durationMs: r.durationMs };
}
