/**
 * The identifyVisitor command: the visitor's page says who they are.
 *
 * - With an `id` and a valid hash (HMAC-SHA256 of the id under the inbox's
 *   identity secret), the site vouches for them: the contact with that
 *   `external_id` in the workspace (the visitor's own unverified contact is
 *   upgraded when there is none, else a new one is made) takes the name,
 *   email and attributes the site gives and is marked verified; the visitor
 *   and their conversations are attached to it, and the visitor is verified
 *   as it, which shows them its history on any device.
 * - Anything else (no hash, a wrong or stale one, a typed name or email) is
 *   kept on the visitor's own unverified contact: never written to, attached
 *   to or merged with a verified contact. A claimed id is kept as unverified
 *   data only. A claimed id ends an earlier verification (the page vouches
 *   for nobody now). A wrong hash is answered exactly like no hash.
 */
import type { Context } from '../context.js';
import { type ContactRow, presentContact } from '../contact/contact.repository.js';
import type { Db } from '../db/database.js';
import { newId } from '../ids.js';
import { listVisitorConversations } from '../conversation/conversation.repository.js';
import { summarize } from '../conversation/conversation.service.js';
import type { Visitor } from '../visitor/visitor.js';
import { hashMatches, type IdentifyInput, type IdentityAttributes } from './identity.js';
import {
  attachVisitorConversations,
  type ContactPatch,
  findContactByExternalId,
  findContactRow,
  findVisitorRow,
  insertContactRow,
  listVerifiedVisitorIds,
  patchContact,
  readIdentitySecret,
  setVisitorContact,
} from './identity.repository.js';

export interface IdentifyVisitorProps {
  visitor: Visitor;
  input: IdentifyInput;
}

export interface IdentifyOutcome {
  contactId: string;
  /** A valid hash vouches for the visitor now. */
  verified: boolean;
}

interface Applied extends IdentifyOutcome {
  /** Something was written: consoles and the visitor's widgets hear of it. */
  changed: boolean;
  /** Conversations moved to the verified contact: its other devices list them. */
  moved: number;
  /** A new contact was made for the visitor (webhooks hear of it as contact.created). */
  created?: boolean;
}

export async function identifyVisitor(ctx: Context, p: IdentifyVisitorProps): Promise<IdentifyOutcome> {
  const { visitor, input } = p;
  let valid = false;
  if (input.id !== undefined && input.hash !== undefined) {
    const secret = await readIdentitySecret(ctx.db, visitor.inboxId);
    valid = secret !== null && hashMatches(secret, input.id, input.hash);
    // Never the secret, the hash or the id: enough to see that a site's hashes are wrong.
    if (!valid)
      ctx.log.info({ visitorId: visitor.id, inboxId: visitor.inboxId, secretSet: secret !== null }, 'identity hash not valid: the visitor stays unverified');
  }
  const applied =
    valid && input.id !== undefined
      ? await retryOnClash(() => ctx.db.transaction().execute((trx) => verify(trx, ctx.now(), visitor, input.id as string, input)))
      : await ctx.db.transaction().execute((trx) => keepUnverified(trx, ctx.now(), visitor, input));
  if (applied.changed) await announce(ctx, visitor, applied);
  return { contactId: applied.contactId, verified: applied.verified };
}

async function verify(trx: Db, now: number, visitor: Visitor, externalId: string, input: IdentifyInput): Promise<Applied> {
  const me = await findVisitorRow(trx, visitor.workspaceId, visitor.id);
  const own = me?.contact_id ? await findContactRow(trx, visitor.workspaceId, me.contact_id) : undefined;
  const ownUnverified = own && isUnverified(own) ? own : undefined;
  const existing = await findContactByExternalId(trx, visitor.workspaceId, externalId);
  const newlyVerified = me?.verified_contact_id == null || (existing !== undefined && me.verified_contact_id !== existing.id);
  let contactId: string;
  let changed = newlyVerified;
  let created = false;
  if (existing) {
    contactId = existing.id;
    const patch = changesFrom(existing, input);
    if (patch || newlyVerified) await patchContact(trx, visitor.workspaceId, contactId, { ...patch, verified_at: now, updated_at: now });
    changed ||= patch !== null;
  } else if (ownUnverified) {
    // The visitor's own contact becomes the one the site vouches for.
    contactId = ownUnverified.id;
    await patchContact(trx, visitor.workspaceId, contactId, {
      ...changesFrom(ownUnverified, input),
      external_id: externalId,
      claimed_external_id: null,
      verified_at: now,
      updated_at: now,
    });
  } else {
    created = true;
    contactId = newId();
    await insertContactRow(trx, {
      id: contactId,
      workspace_id: visitor.workspaceId,
      name: input.name ?? null,
      email: input.email ?? null,
      attributes: JSON.stringify(input.attributes ?? {}),
      external_id: externalId,
      verified_at: now,
      claimed_external_id: null,
      created_at: now,
      updated_at: now,
    });
  }
  if (me?.contact_id !== contactId || me?.verified_contact_id !== contactId) {
    await setVisitorContact(trx, visitor.id, { contact_id: contactId, verified_contact_id: contactId });
    changed = true;
  }
  const moved = await attachVisitorConversations(trx, visitor.id, contactId, ownUnverified?.id ?? null);
  return { contactId, verified: true, changed: changed || moved > 0, moved, created };
}

async function keepUnverified(trx: Db, now: number, visitor: Visitor, input: IdentifyInput): Promise<Applied> {
  const me = await findVisitorRow(trx, visitor.workspaceId, visitor.id);
  let ended = false;
  if (me?.verified_contact_id) {
    // Data without a valid hash never reaches a verified contact; a claimed id means the page vouches for nobody now.
    if (input.id === undefined) return { contactId: me.contact_id ?? me.verified_contact_id, verified: true, changed: false, moved: 0 };
    await setVisitorContact(trx, visitor.id, { verified_contact_id: null });
    ended = true;
  }
  const own = me?.contact_id ? await findContactRow(trx, visitor.workspaceId, me.contact_id) : undefined;
  let contactId: string;
  let changed = ended;
  let created = false;
  if (own && isUnverified(own)) {
    contactId = own.id;
    const patch = changesFrom(own, input);
    if (input.id !== undefined && input.id !== own.claimed_external_id) {
      await patchContact(trx, visitor.workspaceId, contactId, { ...patch, claimed_external_id: input.id, updated_at: now });
      changed = true;
    } else if (patch) {
      await patchContact(trx, visitor.workspaceId, contactId, { ...patch, updated_at: now });
      changed = true;
    }
  } else {
    created = true;
    contactId = newId();
    await insertContactRow(trx, {
      id: contactId,
      workspace_id: visitor.workspaceId,
      name: input.name ?? null,
      email: input.email ?? null,
      attributes: JSON.stringify(input.attributes ?? {}),
      external_id: null,
      verified_at: null,
      claimed_external_id: input.id ?? null,
      created_at: now,
      updated_at: now,
    });
    await setVisitorContact(trx, visitor.id, { contact_id: contactId });
    changed = true;
  }
  const moved = await attachVisitorConversations(trx, visitor.id, contactId, null);
  return { contactId, verified: false, changed: changed || moved > 0, moved, created };
}

/** A contact no site vouched for: the only kind unverified data may change. */
const isUnverified = (c: ContactRow) => c.external_id === null && c.verified_at === null;

/** What the identification changes on a contact (name, email, attributes merged in), or null when nothing. */
function changesFrom(c: ContactRow, input: IdentifyInput): ContactPatch | null {
  const patch: ContactPatch = {};
  if (input.name !== undefined && input.name !== c.name) patch.name = input.name;
  if (input.email !== undefined && input.email !== c.email) patch.email = input.email;
  if (input.attributes && Object.keys(input.attributes).length > 0) {
    const current = parseAttributes(c.attributes);
    const next = JSON.stringify({ ...current, ...input.attributes });
    if (next !== JSON.stringify(current)) patch.attributes = next;
  }
  return Object.keys(patch).length > 0 ? patch : null;
}

function parseAttributes(json: string): IdentityAttributes {
  try {
    const v = JSON.parse(json) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as IdentityAttributes) : {};
  } catch {
    return {};
  }
}

/** Consoles see the new name at once; the visitor's widgets (and the contact's other devices when conversations moved) list again. */
async function announce(ctx: Context, visitor: Visitor, applied: Applied): Promise<void> {
  if (applied.created) {
    const row = await findContactRow(ctx.db, visitor.workspaceId, applied.contactId);
    if (row) ctx.events.emit({ type: 'contact.created', workspaceId: visitor.workspaceId, contact: presentContact(row) });
  }
  for (const row of await listVisitorConversations(ctx.db, visitor.id, 20)) {
    ctx.events.emit({ type: 'conversation.updated', workspaceId: visitor.workspaceId, visitorId: visitor.id, conversation: await summarize(ctx, row) });
  }
  const others = applied.verified && applied.moved > 0 ? await listVerifiedVisitorIds(ctx.db, applied.contactId) : [];
  const visitors = [
    { visitorId: visitor.id, verified: applied.verified },
    ...others.filter((id) => id !== visitor.id).map((visitorId) => ({ visitorId, verified: true })),
  ];
  ctx.events.emit({ type: 'visitor.identified', workspaceId: visitor.workspaceId, visitors });
}

/** Two devices verifying the same new id at once: the second finds the first's contact on its next try. */
async function retryOnClash<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== '23505' && code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
    return run();
  }
}
