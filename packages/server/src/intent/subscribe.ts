/**
 * Intents in motion: each stored visitor message is looked at after its
 * commit (never on the send-and-ack path); a new conversation's first one is
 * given its intent (decide-intent.ts), which is pushed to the operators
 * following the conversation (`intent` frame). The durable jobs: training
 * (train-intents.ts) and the safety net of held conversations (hold.ts).
 */
import type { ServerFrame } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { room } from '../realtime/rooms.js';
import { type Decided, decideIntent } from './decide-intent.js';
import { DECIDE_KIND, type DecidePayload } from './hold.js';
import { findIntent } from './intent.repository.js';
import { IntentModels } from './intent-models.js';
import { runTraining, TRAIN_KIND, type TrainPayload } from './train-intents.js';
import { openingWords } from './training-data.js';

type Publish = (roomName: string, frame: ServerFrame) => Promise<void>;

export interface IntentFeature {
  models: IntentModels;
  stop(): Promise<void>;
}

/** Whether the conversation had a visitor message before this one (then it is not new). */
async function hadVisitorMessage(ctx: Context, conversationId: string, seq: number): Promise<boolean> {
  const r = await ctx.db
    .selectFrom('messages')
    .select('id')
    .where('conversation_id', '=', conversationId)
    .where('author_kind', '=', 'visitor')
    .where('seq', '<', seq)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function startIntents(ctx: Context, publish: Publish): Promise<IntentFeature> {
  const models = new IntentModels(ctx);
  await models.start();
  const fail = (err: unknown) => ctx.log.error({ err }, 'intent decision failed');
  const announce = async (d: Decided | null) => {
    if (d) await publish(room.team(d.intent.conversationId), { type: 'intent', intent: d.intent });
  };

  ctx.events.on('message.created', (e) => {
    const m = e.message;
    if (m.author.kind !== 'visitor' || m.kind !== 'text' || !m.body.trim()) return;
    void (async () => {
      if (!(await models.active(e.workspaceId))) return;
      const existing = await findIntent(ctx.db, e.workspaceId, m.conversationId);
      if (existing?.status === 'decided') return;
      if (!existing && (await hadVisitorMessage(ctx, m.conversationId, m.seq))) return;
      await announce(await decideIntent(ctx, models, { workspaceId: e.workspaceId, conversationId: m.conversationId, text: m.body }));
    })().catch(fail);
  });

  ctx.jobs.handle<DecidePayload>(DECIDE_KIND, async (_ctx, p) => {
    const existing = await findIntent(ctx.db, p.workspaceId, p.conversationId);
    if (existing?.status !== 'pending') return;
    const text = (await openingWords(ctx.db, [p.conversationId])).get(p.conversationId) ?? null;
    await announce(await decideIntent(ctx, models, { ...p, text }));
  });

  ctx.jobs.handle<TrainPayload>(TRAIN_KIND, (_ctx, p, job) =>
    runTraining(ctx, models, (workspaceId, training) => publish(room.allConversations(workspaceId), { type: 'intentTraining', training }), p, job),
  );

  return { models, stop: () => models.stop() };
}
