/** The intent feature's operations for the API: model versions and training, rollback, routing by intent per inbox, a conversation's intent. */
import type { ConversationIntentDto, IntentModelDto, IntentRoutingDto, IntentTrainingDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { findInbox } from '../inbox/inbox.repository.js';
import { findLabels } from '../label/label.repository.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import {
  activate,
  findIntent,
  findModel,
  findTraining,
  insertTraining,
  latestTraining,
  listModels,
  presentIntent,
  presentModel,
  presentTraining,
  readRouting,
  updateTraining,
  writeRouting,
} from './intent.repository.js';
import type { IntentModels } from './intent-models.js';
import { TRAIN_KIND, type TrainPayload, trainKey } from './train-intents.js';
import { tooLittle, trainingData } from './training-data.js';

export async function listVersions(ctx: Context, actor: Operator): Promise<{ items: IntentModelDto[]; training: IntentTrainingDto | null }> {
  authorize(actor, 'intent.manage');
  const [rows, training] = await Promise.all([listModels(ctx.db, actor.workspaceId), latestTraining(ctx.db, actor.workspaceId)]);
  return { items: rows.map(presentModel), training: training ? presentTraining(training) : null };
}

/** Starts a training run (a durable job); refused at once when the labelled conversations cannot train a model. */
export async function startTraining(ctx: Context, actor: Operator): Promise<IntentTrainingDto> {
  authorize(actor, 'intent.manage');
  const latest = await latestTraining(ctx.db, actor.workspaceId);
  if (latest && (latest.status === 'queued' || latest.status === 'running')) {
    const job = await ctx.jobs.get(trainKey(actor.workspaceId));
    if (job && (job.status === 'pending' || job.status === 'running')) throw conflict('A training is already running');
    // Its job is gone (it died with its node too many times): the run is over.
    await updateTraining(ctx.db, latest.id, { status: 'failed', stage: null, error: 'Training stopped: try again', updated_at: ctx.now() });
  }
  const problem = tooLittle(await trainingData(ctx.db, actor.workspaceId));
  if (problem) throw badRequest(problem);
  const now = ctx.now();
  const row = {
    id: newId(),
    workspace_id: actor.workspaceId,
    status: 'queued',
    stage: null,
    percent: 0,
    error: null,
    model_id: null,
    created_by: actor.name,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertTraining(trx, row);
    const payload: TrainPayload = { workspaceId: actor.workspaceId, trainingId: row.id };
    const job = { kind: TRAIN_KIND, key: trainKey(actor.workspaceId), runAt: now, payload, maxAttempts: 2, workspaceId: actor.workspaceId };
    // Two admins at once: the second finds the first's job, and its run is not stored.
    if (!(await ctx.jobs.schedule(job, trx)).created) throw conflict('A training is already running');
  });
  return presentTraining(row);
}

export async function getTraining(ctx: Context, actor: Operator, id: string): Promise<IntentTrainingDto> {
  authorize(actor, 'intent.manage');
  const row = await findTraining(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Training');
  return presentTraining(row);
}

/** Makes a version the active one: rolls back (or forward); every node predicts with it from its next message. */
export async function activateVersion(ctx: Context, models: IntentModels, actor: Operator, id: string): Promise<IntentModelDto> {
  authorize(actor, 'intent.manage');
  if (!(await findModel(ctx.db, actor.workspaceId, id))) throw notFound('Intent model');
  await ctx.db.transaction().execute((trx) => activate(trx, actor.workspaceId, id));
  await models.changed(actor.workspaceId);
  return presentModel((await findModel(ctx.db, actor.workspaceId, id))!);
}

async function inboxOf(ctx: Context, actor: Operator, inboxId: string): Promise<void> {
  authorize(actor, 'intent.manage');
  if (!(await findInbox(ctx.db, actor.workspaceId, inboxId))) throw notFound('Inbox');
}

export async function getRouting(ctx: Context, actor: Operator, inboxId: string): Promise<IntentRoutingDto> {
  await inboxOf(ctx, actor, inboxId);
  return readRouting(ctx.db, actor.workspaceId, inboxId);
}

export async function setRouting(ctx: Context, actor: Operator, inboxId: string, input: Omit<IntentRoutingDto, 'inboxId'>): Promise<IntentRoutingDto> {
  await inboxOf(ctx, actor, inboxId);
  const labelIds = [...new Set(input.routes.map((r) => r.labelId))];
  if (labelIds.length !== input.routes.length) throw badRequest('A label maps to one team only');
  if ((await findLabels(ctx.db, actor.workspaceId, labelIds)).length !== labelIds.length) throw badRequest('Unknown label');
  const teamIds = [...new Set(input.routes.map((r) => r.teamId))];
  const teams = teamIds.length
    ? await ctx.db.selectFrom('teams').select('id').where('workspace_id', '=', actor.workspaceId).where('id', 'in', teamIds).execute()
    : [];
  if (teams.length !== teamIds.length) throw badRequest('Unknown team');
  const routing = { inboxId, enabled: input.enabled, routes: input.routes };
  await writeRouting(ctx.db, actor.workspaceId, routing, ctx.now());
  return routing;
}

export async function conversationIntent(ctx: Context, actor: Operator, conversationId: string): Promise<{ intent: ConversationIntentDto | null }> {
  authorize(actor, 'conversation.view');
  await visibleConversationRow(ctx, actor, conversationId);
  const row = await findIntent(ctx.db, actor.workspaceId, conversationId);
  return { intent: row ? presentIntent(row) : null };
}
