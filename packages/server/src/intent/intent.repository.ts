/** The intent feature's SQL: model versions, training runs, inbox routing and conversation intents. */
import type { ConversationIntentDto, IntentModelDto, IntentRoute, IntentRoutingDto, IntentTrainingDto } from '@switchboard/protocol';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ConversationIntentTable, IntentModelTable, IntentTrainingTable } from './intent.table.js';

export type IntentModelRow = Selectable<IntentModelTable>;
export type IntentTrainingRow = Selectable<IntentTrainingTable>;
export type ConversationIntentRow = Selectable<ConversationIntentTable>;

const modelColumns = [
  'id',
  'workspace_id',
  'version',
  'labels',
  'skipped',
  'example_count',
  'accuracy',
  'threshold',
  'created_by',
  'created_at',
  'active',
] as const;

export const presentModel = (r: Omit<IntentModelRow, 'model'>): IntentModelDto => ({
  id: r.id,
  version: r.version,
  active: r.active === 1,
  labels: JSON.parse(r.labels),
  skipped: JSON.parse(r.skipped),
  exampleCount: r.example_count,
  accuracy: r.accuracy,
  threshold: r.threshold,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export const presentTraining = (r: IntentTrainingRow): IntentTrainingDto => ({
  id: r.id,
  status: r.status as IntentTrainingDto['status'],
  stage: r.stage,
  percent: r.percent,
  error: r.error,
  modelId: r.model_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const presentIntent = (r: ConversationIntentRow): ConversationIntentDto => ({
  conversationId: r.conversation_id,
  status: r.status === 'pending' ? 'pending' : 'decided',
  labelId: r.label_id,
  labelName: r.label_name,
  confidence: r.confidence,
  modelVersion: r.model_version,
  routedTeamId: r.routed_team_id,
  routedTeamName: r.routed_team_name,
  decidedAt: r.decided_at,
});

export async function listModels(db: Db, workspaceId: string): Promise<Omit<IntentModelRow, 'model'>[]> {
  return db.selectFrom('intent_models').select(modelColumns).where('workspace_id', '=', workspaceId).orderBy('version', 'desc').execute();
}

export async function findModel(db: Db, workspaceId: string, id: string): Promise<Omit<IntentModelRow, 'model'> | undefined> {
  return db.selectFrom('intent_models').select(modelColumns).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function activeModel(db: Db, workspaceId: string): Promise<IntentModelRow | undefined> {
  return db.selectFrom('intent_models').selectAll().where('workspace_id', '=', workspaceId).where('active', '=', 1).executeTakeFirst();
}

export async function nextVersion(db: Db, workspaceId: string): Promise<number> {
  const r = await db
    .selectFrom('intent_models')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return Number(r?.v ?? 0) + 1;
}

export async function insertModel(db: Db, row: IntentModelRow): Promise<void> {
  await db.insertInto('intent_models').values(row).execute();
}

/** Makes one version the active one (and no other). */
export async function activate(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.updateTable('intent_models').set({ active: 0 }).where('workspace_id', '=', workspaceId).where('active', '=', 1).execute();
  await db.updateTable('intent_models').set({ active: 1 }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function insertTraining(db: Db, row: IntentTrainingRow): Promise<void> {
  await db.insertInto('intent_trainings').values(row).execute();
}

export async function findTraining(db: Db, workspaceId: string, id: string): Promise<IntentTrainingRow | undefined> {
  return db.selectFrom('intent_trainings').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function latestTraining(db: Db, workspaceId: string): Promise<IntentTrainingRow | undefined> {
  return db.selectFrom('intent_trainings').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

export async function updateTraining(db: Db, id: string, patch: Partial<Omit<IntentTrainingRow, 'id' | 'workspace_id'>>): Promise<void> {
  await db.updateTable('intent_trainings').set(patch).where('id', '=', id).execute();
}

export async function readRouting(db: Db, workspaceId: string, inboxId: string): Promise<IntentRoutingDto> {
  const r = await db.selectFrom('intent_routing').selectAll().where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId).executeTakeFirst();
  return { inboxId, enabled: r?.enabled === 1, routes: r ? (JSON.parse(r.routes) as IntentRoute[]) : [] };
}

export async function writeRouting(db: Db, workspaceId: string, r: IntentRoutingDto, now: number): Promise<void> {
  const values = { enabled: r.enabled ? 1 : 0, routes: JSON.stringify(r.routes), updated_at: now };
  await db
    .insertInto('intent_routing')
    .values({ inbox_id: r.inboxId, workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column('inbox_id').doUpdateSet(values))
    .execute();
}

export async function findIntent(db: Db, workspaceId: string, conversationId: string): Promise<ConversationIntentRow | undefined> {
  return db
    .selectFrom('conversation_intents')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
}
