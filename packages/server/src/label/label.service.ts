import type { LabelDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { removeLabelFromContacts } from '../contact/contact-labels.js';
import { summarize } from '../conversation/conversation.service.js';
import { findConversation } from '../conversation/conversation.repository.js';
import { conflict, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import type { CreateLabelInput, UpdateLabelInput } from './label.js';
import {
  conversationLabelIds,
  conversationsWithLabel,
  deleteLabelRow,
  findLabelByKey,
  findLabels,
  insertLabel,
  listLabels as listRows,
  presentLabel,
  updateLabel as updateRow,
} from './label.repository.js';

const keyOf = (name: string) => name.toLocaleLowerCase();

export async function listLabels(ctx: Context, actor: Operator): Promise<LabelDto[]> {
  authorize(actor, 'conversation.view');
  return (await listRows(ctx.db, actor.workspaceId)).map(presentLabel);
}

export async function createLabel(ctx: Context, actor: Operator, input: CreateLabelInput): Promise<LabelDto> {
  authorize(actor, 'label.manage');
  if (await findLabelByKey(ctx.db, actor.workspaceId, keyOf(input.name))) throw conflict(`There is already a label called ${input.name}`);
  const row = { id: newId(), workspace_id: actor.workspaceId, name: input.name, name_key: keyOf(input.name), color: input.color, created_at: ctx.now() };
  await insertLabel(ctx.db, row);
  return presentLabel(row);
}

export async function updateLabel(ctx: Context, actor: Operator, id: string, input: UpdateLabelInput): Promise<LabelDto> {
  authorize(actor, 'label.manage');
  const [row] = await findLabels(ctx.db, actor.workspaceId, [id]);
  if (!row) throw notFound('Label');
  if (input.name !== undefined) {
    const same = await findLabelByKey(ctx.db, actor.workspaceId, keyOf(input.name));
    if (same && same.id !== id) throw conflict(`There is already a label called ${input.name}`);
  }
  const patch = {
    ...(input.name !== undefined ? { name: input.name, name_key: keyOf(input.name) } : {}),
    ...(input.color !== undefined ? { color: input.color } : {}),
  };
  await updateRow(ctx.db, actor.workspaceId, id, patch);
  const label = presentLabel({ ...row, ...patch });
  ctx.events.emit({ type: 'label.changed', workspaceId: actor.workspaceId, label, deleted: false });
  return label;
}

/** Deleting a label takes it off every conversation (their lists update live); no system line is written. */
export async function deleteLabel(ctx: Context, actor: Operator, id: string): Promise<void> {
  authorize(actor, 'label.manage');
  const [row] = await findLabels(ctx.db, actor.workspaceId, [id]);
  if (!row) throw notFound('Label');
  const touched = await ctx.db.transaction().execute(async (trx) => {
    const ids = await conversationsWithLabel(trx, id);
    await removeLabelFromContacts(trx, id);
    await deleteLabelRow(trx, actor.workspaceId, id);
    for (const conversationId of ids) {
      const labels = JSON.stringify(await conversationLabelIds(trx, conversationId));
      await trx.updateTable('conversations').set({ labels }).where('id', '=', conversationId).execute();
    }
    return ids;
  });
  ctx.events.emit({ type: 'label.changed', workspaceId: actor.workspaceId, label: presentLabel(row), deleted: true });
  for (const conversationId of touched) {
    const c = await findConversation(ctx.db, actor.workspaceId, conversationId);
    if (c) ctx.events.emit({ type: 'conversation.updated', workspaceId: actor.workspaceId, visitorId: c.visitor_id, conversation: await summarize(ctx, c) });
  }
}
