import type { ContactDetailDto, ConversationSummary } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { presentConversation } from '../conversation/conversation.repository.js';
import { AppError, conflict } from '../errors.js';
import type { FieldProblem } from '../http/validation-messages.js';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { contactScope, conversationScope, viewerOf } from '../policy/visibility.js';
import { authorize } from '../policy/policy.js';
import type { ContactFilters, CreateContactInput, ListContactsQuery, UpdateContactInput } from './contact.js';
import { type AttributeDef, checkCell, checkValue, parseStored } from './contact-attribute.js';
import { attributeDefs } from './contact-attribute.service.js';
import { contactChanged } from './contact-events.js';
import { type ContactListFilter, decodeContactCursor, encodeContactCursor, listContactRows, sortKeyOf } from './contact-query.js';
import { presentDetail } from './contact.presenter.js';
import { type ContactRow, countOf, findByEmails, findContact, insertContact, presentContact, updateContact as updateRow } from './contact.repository.js';
import { visibleContact } from './contact-access.js';
import { addContactLabelRows, checkLabels } from './contact-labels.js';
import { latestConsent } from '../forms/consent.repository.js';
import { dropContactTasks } from '../task/task.service.js';
import { forgetEmailAddress } from '../email/email-retention.js';

const refused = (problems: FieldProblem[]) =>
  new AppError('validation_failed', problems.length === 1 ? problems[0]!.message : `${problems[0]!.message} (and ${problems.length - 1} more)`, {
    details: problems,
  });

/** The filters in SQL terms: an attribute filter needs its definition, and its value of the attribute's type. */
export async function listFilterOf(ctx: Context, workspaceId: string, f: ContactFilters, defs?: AttributeDef[]): Promise<Omit<ContactListFilter, 'limit'>> {
  let attribute: ContactListFilter['attribute'];
  if (f.attribute !== undefined || f.value !== undefined) {
    if (f.attribute === undefined) throw refused([{ in: 'query', path: 'attribute', message: 'Choose the attribute whose value to look for' }]);
    const def = (defs ?? (await attributeDefs(ctx, workspaceId))).find((d) => d.key === f.attribute);
    if (!def) throw refused([{ in: 'query', path: 'attribute', message: `No contact attribute with the key ${f.attribute}` }]);
    if (f.value === undefined || f.value.trim() === '') throw refused([{ in: 'query', path: 'value', message: 'Give the value to look for' }]);
    const c = checkCell(def, f.value ?? '');
    if (!c.ok) throw refused([{ in: 'query', path: 'value', message: c.message }]);
    attribute = { def, value: c.value };
  }
  return { workspaceId, dialect: ctx.dbKind, q: f.q, label: f.label, company: f.company, attribute, sort: f.sort };
}

export async function listContacts(ctx: Context, actor: Operator, q: ListContactsQuery): Promise<Page<ContactDetailDto>> {
  authorize(actor, 'contact.view');
  const defs = await attributeDefs(ctx, actor.workspaceId);
  const filter = await listFilterOf(ctx, actor.workspaceId, q, defs);
  const after = q.cursor ? decodeContactCursor(q.cursor, q.sort) : undefined;
  const rows = await listContactRows(ctx.db, { ...filter, scope: contactScope(await viewerOf(ctx, actor)), after, limit: q.limit + 1 });
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => presentDetail(r, defs)),
    nextCursor: rows.length > q.limit && last ? encodeContactCursor(sortKeyOf(last, q.sort), last.id) : null,
  };
}

export async function getContact(ctx: Context, actor: Operator, id: string): Promise<ContactDetailDto> {
  authorize(actor, 'contact.view');
  const row = await visibleContact(ctx, actor, id);
  return contactDetail(ctx, row, await attributeDefs(ctx, actor.workspaceId));
}

/** One contact as its routes answer it: with its counts and its latest consent. */
export async function contactDetail(ctx: Context, row: ContactRow, defs: AttributeDef[]): Promise<ContactDetailDto> {
  const [counts, consent] = await Promise.all([countOf(ctx.db, row.id), latestConsent(ctx.db, row.id)]);
  return { ...presentDetail(row, defs, counts), consent };
}

/** Attribute values sent as JSON merged into the stored ones (null clears one), or every problem by key. */
export function applyAttributes(defs: AttributeDef[], stored: Record<string, unknown>, input: Record<string, unknown>): Record<string, unknown> {
  const next = { ...stored };
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(input)) {
    const def = defs.find((d) => d.key === key);
    if (!def) {
      problems.push({ in: 'body', path: `attributes.${key}`, message: `No contact attribute with the key ${key}` });
      continue;
    }
    if (value === null) {
      delete next[key];
      continue;
    }
    const c = checkValue(def, value);
    if (c.ok) next[key] = c.value;
    else problems.push({ in: 'body', path: `attributes.${key}`, message: `${def.label}: ${c.message}` });
  }
  if (problems.length) throw refused(problems);
  return next;
}

/** Two contacts with one email would make imports and people guess: the other one is named instead. */
async function emailFree(ctx: Context, workspaceId: string, email: string | null | undefined, self?: string): Promise<void> {
  if (!email) return;
  const other = (await findByEmails(ctx.db, workspaceId, [email])).find((c) => c.id !== self);
  if (other) {
    const message = `${other.name ?? 'Another contact'} already has this email: merge the two contacts instead`;
    throw new AppError('conflict', message, { details: [{ in: 'body', path: 'email', message }] });
  }
}

export async function createContact(ctx: Context, actor: Operator, input: CreateContactInput): Promise<ContactDetailDto> {
  authorize(actor, 'contact.create');
  const defs = await attributeDefs(ctx, actor.workspaceId);
  const attributes = applyAttributes(defs, {}, input.attributes ?? {});
  const labels = await checkLabels(ctx, actor.workspaceId, input.labels ?? []);
  await emailFree(ctx, actor.workspaceId, input.email);
  const visitor = input.visitorId
    ? await ctx.db
        .selectFrom('visitors')
        .select(['id', 'contact_id'])
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', input.visitorId)
        .executeTakeFirst()
    : undefined;
  if (input.visitorId && !visitor) throw refused([{ in: 'body', path: 'visitorId', message: 'No such visitor' }]);
  if (visitor?.contact_id) throw conflict('This visitor already is a contact');
  const now = ctx.now();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await insertContact(trx, {
      id,
      workspace_id: actor.workspaceId,
      name: input.name ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      company: input.company ?? null,
      avatar_url: input.avatarUrl ?? null,
      attributes: JSON.stringify(attributes),
      labels: JSON.stringify(labels),
      created_at: now,
      updated_at: now,
      created_by: actor.id,
    });
    await addContactLabelRows(trx, actor.workspaceId, id, labels, now);
    if (visitor) {
      await trx.updateTable('visitors').set({ contact_id: id }).where('id', '=', visitor.id).execute();
      await trx.updateTable('conversations').set({ contact_id: id }).where('visitor_id', '=', visitor.id).execute();
    }
  });
  const row = (await findContact(ctx.db, actor.workspaceId, id)) as ContactRow;
  ctx.events.emit({ type: 'contact.created', workspaceId: actor.workspaceId, contact: presentContact(row) });
  if (visitor) await contactChanged(ctx, row, 'updated');
  return contactDetail(ctx, row, defs);
}

export async function updateContact(ctx: Context, actor: Operator, id: string, input: UpdateContactInput): Promise<ContactDetailDto> {
  authorize(actor, 'contact.update');
  const current = await visibleContact(ctx, actor, id);
  const defs = await attributeDefs(ctx, actor.workspaceId);
  const attributes = input.attributes ? applyAttributes(defs, parseStored(current.attributes), input.attributes) : undefined;
  if (input.email !== undefined && input.email !== current.email) await emailFree(ctx, actor.workspaceId, input.email, id);
  const row = await updateRow(ctx.db, current, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.company !== undefined ? { company: input.company } : {}),
    ...(input.avatarUrl !== undefined ? { avatar_url: input.avatarUrl } : {}),
    ...(attributes ? { attributes: JSON.stringify(attributes) } : {}),
    updated_at: ctx.now(),
  });
  await contactChanged(ctx, row, 'updated');
  return contactDetail(ctx, row, defs);
}

/** Only a contact nobody is behind: no visitor, no conversation (merge the others into the right one instead). */
export async function deleteContact(ctx: Context, actor: Operator, id: string): Promise<void> {
  authorize(actor, 'contact.delete');
  const row = await visibleContact(ctx, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    const used = await trx
      .selectFrom('visitors')
      .select('id')
      .where('contact_id', '=', id)
      .union(trx.selectFrom('conversations').select('id').where('contact_id', '=', id))
      .limit(1)
      .execute();
    if (used.length) throw conflict('This contact has conversations: merge it into another contact instead of deleting it');
    await trx.deleteFrom('contact_labels').where('contact_id', '=', id).execute();
    await trx.deleteFrom('contact_notes').where('contact_id', '=', id).execute();
    await trx.deleteFrom('contact_consents').where('contact_id', '=', id).execute();
    await dropContactTasks(ctx, trx, actor.workspaceId, id);
    // Mails to its addresses (its own, those of contacts merged into it) and its reply addresses (email/email-retention.ts).
    const merged = await trx.selectFrom('contacts').select('email').where('merged_into', '=', id).where('workspace_id', '=', actor.workspaceId).execute();
    for (const email of new Set([row.email, ...merged.map((m) => m.email)])) await forgetEmailAddress(trx, actor.workspaceId, email);
    // Contacts merged into this one point nowhere now: they answer 404 too.
    await trx.deleteFrom('contacts').where('merged_into', '=', id).where('workspace_id', '=', actor.workspaceId).execute();
    await trx.deleteFrom('contacts').where('id', '=', id).execute();
  });
  await contactChanged(ctx, row, 'deleted');
}

/** Every conversation of the contact, across all its visitors, newest first (messages: GET /conversations/:id/messages). */
export async function contactConversations(
  ctx: Context,
  actor: Operator,
  id: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<ConversationSummary>> {
  authorize(actor, 'conversation.view');
  const contact = await visibleContact(ctx, actor, id);
  const before = page.cursor ? decodeCursor(page.cursor) : undefined;
  let q = ctx.db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('contact_id', '=', contact.id)
    .where('merged_into', 'is', null);
  const scope = conversationScope(await viewerOf(ctx, actor));
  if (scope) q = q.where(scope);
  if (before) q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(before.t, before.id)));
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => presentConversation(r, contact)),
    nextCursor: rows.length > page.limit && last ? encodeCursor({ t: last.created_at, id: last.id }) : null,
  };
}
