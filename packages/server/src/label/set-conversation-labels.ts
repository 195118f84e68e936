/** The setConversationLabels command: add and remove labels on a conversation, with one system line saying which. */
import type { Context } from '../context.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import { type EventResult, recordEvent, unchanged } from '../conversation/record-event.js';
import { badRequest } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { addConversationLabels, conversationLabelIds, findLabels, removeConversationLabels } from './label.repository.js';

export interface SetConversationLabelsProps {
  actor: Operator;
  conversationId: string;
  add: string[];
  remove: string[];
}

export async function setConversationLabels(ctx: Context, p: SetConversationLabelsProps): Promise<EventResult> {
  authorize(p.actor, 'conversation.label');
  const current = await visibleConversationRow(ctx, p.actor, p.conversationId);
  const wanted = [...new Set([...p.add, ...p.remove])];
  const labels = new Map((await findLabels(ctx.db, p.actor.workspaceId, wanted)).map((l) => [l.id, l]));
  const unknown = wanted.filter((id) => !labels.has(id));
  if (unknown.length > 0) throw badRequest(`Unknown label: ${unknown.join(', ')}`);
  const has = new Set(JSON.parse(current.labels) as string[]);
  const added = [...new Set(p.add)].filter((id) => !has.has(id) && !p.remove.includes(id));
  const removed = [...new Set(p.remove)].filter((id) => has.has(id));
  if (added.length === 0 && removed.length === 0) return unchanged(ctx, current);
  const names = (ids: string[]) => ids.map((id) => labels.get(id)?.name ?? id);
  const parts = [added.length ? `added ${names(added).join(', ')}` : '', removed.length ? `removed ${names(removed).join(', ')}` : ''].filter(Boolean);
  return recordEvent(ctx, {
    actor: p.actor,
    conversationId: p.conversationId,
    event: { type: 'labels', added: names(added), removed: names(removed), byName: p.actor.name },
    body: `Labels ${parts.join(' and ')} by ${p.actor.name}`,
    patch: {},
    also: async (trx) => {
      await addConversationLabels(trx, p.actor.workspaceId, p.conversationId, added, ctx.now());
      await removeConversationLabels(trx, p.conversationId, removed);
      return { labels: JSON.stringify(await conversationLabelIds(trx, p.conversationId)) };
    },
  });
}
