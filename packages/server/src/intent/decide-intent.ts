/**
 * The decideIntent command: at a new conversation's first visitor message,
 * the workspace's active model suggests a label with its confidence, or none
 * below its threshold ("none of these"). A conversation of an inbox that
 * routes by intent waited out of the queue for this (held as it started):
 * a confident label mapped to a team moves it to that team's queue, else it
 * joins the inbox default's; either way a system line says what was decided
 * and with what confidence, and routing drains the queue it joined.
 */
import type { IntentPrediction } from '@switchboard/assist';
import type { ConversationIntentDto, MessageDto, SystemEvent } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { findConversation } from '../conversation/conversation.repository.js';
import { summarize } from '../conversation/conversation.service.js';
import type { Db } from '../db/database.js';
import { appendMessage, presentMessage } from '../message/message.repository.js';
import { findIntent, presentIntent, readRouting } from './intent.repository.js';
import type { ActiveIntentModel, IntentModels } from './intent-models.js';

export interface DecideIntentProps {
  workspaceId: string;
  conversationId: string;
  /** The visitor's first words; null when there are none (the safety net found none). */
  text: string | null;
}

interface Decision {
  labelId: string | null;
  labelName: string | null;
  confidence: number | null;
}

const pct = (c: number | null) => `${Math.round((c ?? 0) * 100)}%`;

async function predict(ctx: Context, workspaceId: string, active: ActiveIntentModel | null, text: string | null): Promise<Decision> {
  if (!active || !text?.trim()) return { labelId: null, labelName: null, confidence: null };
  let p: IntentPrediction;
  try {
    // With the sentence encoder this embeds the text first: after the message's commit, never on its send path.
    p = await active.model.predict(text.slice(0, 2000));
  } catch {
    return { labelId: null, labelName: null, confidence: null };
  }
  const best = p.label ?? null;
  const label = best
    ? await ctx.db.selectFrom('labels').select('name').where('workspace_id', '=', workspaceId).where('id', '=', best).executeTakeFirst()
    : undefined;
  // A label deleted since the training: "none of these".
  return label ? { labelId: best, labelName: label.name, confidence: p.confidence } : { labelId: null, labelName: null, confidence: p.confidence };
}

/** Where a held conversation goes: the mapped team of a confident label, when the inbox routes by intent and the team still exists. */
async function target(db: Db, workspaceId: string, inboxId: string, d: Decision): Promise<{ id: string; name: string } | null> {
  if (!d.labelId) return null;
  const routing = await readRouting(db, workspaceId, inboxId);
  const teamId = routing.enabled ? routing.routes.find((r) => r.labelId === d.labelId)?.teamId : undefined;
  if (!teamId) return null;
  return (await db.selectFrom('teams').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', '=', teamId).executeTakeFirst()) ?? null;
}

function line(d: Decision, routed: { name: string } | null, defaultTeam: string | null, hadModel: boolean): { body: string; event: SystemEvent } {
  const event: SystemEvent = {
    type: 'intent',
    labelName: d.labelName,
    confidence: d.confidence ?? 0,
    teamName: routed?.name ?? defaultTeam,
    routed: routed !== null,
  };
  const stays = defaultTeam ? `stays with ${defaultTeam}` : 'stays with the inbox default';
  if (routed) return { event, body: `Routed to ${routed.name} by intent (${pct(d.confidence)})` };
  if (!hadModel) return { event, body: `No intent model or no message to route by: ${stays}` };
  if (d.labelName) return { event, body: `Intent ${d.labelName} (${pct(d.confidence)}) has no team to route to: ${stays}` };
  return { event, body: `No suggested label (${pct(d.confidence)}, none of these): ${stays}` };
}

export interface Decided {
  intent: ConversationIntentDto;
  /** The system line of a held conversation's routing decision. */
  message: MessageDto | null;
}

/** Decides once per conversation: null when it was decided already, or there is nothing to decide (no model, not held). */
export async function decideIntent(ctx: Context, models: IntentModels, p: DecideIntentProps): Promise<Decided | null> {
  const existing = await findIntent(ctx.db, p.workspaceId, p.conversationId);
  if (existing?.status === 'decided') return null;
  const active = await models.active(p.workspaceId);
  if (!existing && !active) return null;
  const d = await predict(ctx, p.workspaceId, active, p.text);
  const now = ctx.now();
  const decided = {
    status: 'decided',
    model_id: active?.id ?? null,
    model_version: active?.version ?? null,
    label_id: d.labelId,
    label_name: d.labelName,
    confidence: d.confidence,
    decided_at: now,
  };
  const done = await ctx.db.transaction().execute(async (trx) => {
    if (!existing) {
      await trx
        .insertInto('conversation_intents')
        .values({
          conversation_id: p.conversationId,
          workspace_id: p.workspaceId,
          routing: 0,
          routed_team_id: null,
          routed_team_name: null,
          created_at: now,
          ...decided,
        })
        .onConflict((oc) => oc.column('conversation_id').doNothing())
        .execute();
      return { previousTeamId: null, stored: null };
    }
    const row = await findConversation(trx, p.workspaceId, p.conversationId);
    const waiting = row?.assignee_id === null && row.status === 'open' && !row.merged_into;
    const routed = row && waiting && existing.routing === 1 ? await target(trx, p.workspaceId, row.inbox_id, d) : null;
    const claimed = await trx
      .updateTable('conversation_intents')
      .set({ ...decided, routed_team_id: routed?.id ?? null, routed_team_name: routed?.name ?? null })
      .where('conversation_id', '=', p.conversationId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    // Another node decided first, or the conversation is gone.
    if (Number(claimed.numUpdatedRows) === 0 || !row) return null;
    const teamId = routed?.id ?? row.team_id;
    await trx
      .updateTable('conversations')
      .set({ team_id: teamId, queued_at: teamId && waiting ? now : null, updated_at: Math.max(now, row.updated_at + 1) })
      .where('id', '=', row.id)
      .execute();
    const defaultTeam = row.team_id ? ((await trx.selectFrom('teams').select('name').where('id', '=', row.team_id).executeTakeFirst())?.name ?? null) : null;
    const { body, event } = line(d, routed, defaultTeam, active !== null && !!p.text);
    const stored = await appendMessage(trx, ctx.dbKind, p.workspaceId, row.id, {
      clientId: `intent:${row.id}`,
      author: { kind: 'system', id: null, name: null },
      kind: 'event',
      body,
      attachments: [],
      event,
      createdAt: now,
    });
    return { previousTeamId: row.team_id, stored };
  });
  if (done === null) return null;
  const intent = await findIntent(ctx.db, p.workspaceId, p.conversationId);
  if (!intent) return null;
  let message: MessageDto | null = null;
  if (done.stored) {
    message = presentMessage(done.stored.row);
    const conversation = await summarize(ctx, done.stored.conversation);
    ctx.events.emit({
      type: 'message.created',
      workspaceId: p.workspaceId,
      visitorId: done.stored.conversation.visitor_id,
      message,
      conversation,
      previous: { teamId: done.previousTeamId, assigneeId: null },
    });
  }
  return { intent: presentIntent(intent), message };
}
