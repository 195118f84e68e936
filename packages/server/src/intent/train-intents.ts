/**
 * Training as a durable job (`intent.train`, one per workspace at a time):
 * reads the labelled conversations, trains with the assist engine, stores the
 * model as the next version and makes it the active one. Its progress is kept
 * on the training run (GET) and pushed to the workspace's owners and admins
 * (`intentTraining` frames). A run that cannot train (too little data, an
 * engine error) ends `failed` with its reason: trying again would not help.
 */
import type { IntentTrainingDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { newId } from '../ids.js';
import { type JobContext, LeaseLostError } from '../jobs/job.js';
import { activate, findTraining, insertModel, nextVersion, presentTraining, updateTraining } from './intent.repository.js';
import type { IntentModels } from './intent-models.js';
import { trainOffThread } from './train-off-thread.js';
import { tooLittle, trainingData } from './training-data.js';

export const TRAIN_KIND = 'intent.train';
export const trainKey = (workspaceId: string) => `${TRAIN_KIND}:${workspaceId}`;

export interface TrainPayload {
  workspaceId: string;
  trainingId: string;
}

export type PublishTraining = (workspaceId: string, training: IntentTrainingDto) => Promise<void>;

export async function runTraining(ctx: Context, models: IntentModels, publish: PublishTraining, p: TrainPayload, job: JobContext): Promise<void> {
  const training = await findTraining(ctx.db, p.workspaceId, p.trainingId);
  if (!training || training.status === 'done' || training.status === 'failed') return;
  const step = async (patch: Parameters<typeof updateTraining>[2]) => {
    await updateTraining(ctx.db, p.trainingId, { ...patch, updated_at: ctx.now() });
    const row = await findTraining(ctx.db, p.workspaceId, p.trainingId);
    if (row) await publish(p.workspaceId, presentTraining(row));
  };
  await step({ status: 'running', stage: 'Reading labelled conversations', percent: 5, error: null });
  try {
    const data = await trainingData(ctx.db, p.workspaceId);
    const problem = tooLittle(data);
    if (problem) {
      await step({ status: 'failed', stage: null, error: problem });
      return;
    }
    const trained = await trainOffThread(data, (stage, percent) => step({ stage, percent }), ctx.log, ctx.config.intentEncoder);
    const modelId = newId();
    await ctx.db.transaction().execute(async (trx) => {
      await insertModel(trx, {
        id: modelId,
        workspace_id: p.workspaceId,
        version: await nextVersion(trx, p.workspaceId),
        labels: JSON.stringify(data.labels),
        skipped: JSON.stringify(data.skipped),
        example_count: trained.exampleCount,
        accuracy: trained.accuracy,
        threshold: trained.threshold,
        created_by: training.created_by,
        created_at: ctx.now(),
        model: trained.saved,
        active: 1,
      });
      await activate(trx, p.workspaceId, modelId);
      await updateTraining(trx, p.trainingId, { status: 'done', stage: null, percent: 100, model_id: modelId, updated_at: ctx.now() });
      await job.complete(trx);
    });
  } catch (err) {
    // Another run holds the job now: it finishes the training.
    if (err instanceof LeaseLostError) throw err;
    ctx.log.error({ err, workspaceId: p.workspaceId }, 'intent training failed');
    await step({ status: 'failed', stage: null, error: `Training failed: ${err instanceof Error ? err.message : String(err)}` });
    return;
  }
  await models.changed(p.workspaceId);
  const done = await findTraining(ctx.db, p.workspaceId, p.trainingId);
  if (done) await publish(p.workspaceId, presentTraining(done));
}
