import type { Context } from '../context.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../errors.js';
import { hashToken, newId, newToken } from '../ids.js';
import { authorize, canGrantRole } from '../policy/policy.js';
import type { CreateOperatorInput, Operator, UpdateOperatorInput } from './operator.js';
import {
  countOwners,
  findOperator,
  findOperatorByEmail,
  findOperatorByInvite,
  insertOperator,
  listOperators as listRows,
  toOperator,
  updateOperator as updateRow,
} from './operator.repository.js';
import { hashPassword } from './password.js';
import { deleteOperatorSessions } from './session.repository.js';

const INVITE_TTL_MS = 7 * 24 * 3600_000;

export async function listOperators(ctx: Context, actor: Operator): Promise<Operator[]> {
  authorize(actor, 'operator.list');
  return (await listRows(ctx.db, actor.workspaceId)).map(toOperator);
}

export async function getOperator(ctx: Context, actor: Operator, id: string): Promise<Operator> {
  authorize(actor, 'operator.list');
  const row = await findOperator(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Operator');
  return toOperator(row);
}

export interface CreatedOperator {
  operator: Operator;
  /** Present when the operator was invited instead of given a password. */
  inviteToken: string | null;
  inviteExpiresAt: number | null;
}

export async function createOperator(ctx: Context, actor: Operator, input: CreateOperatorInput): Promise<CreatedOperator> {
  authorize(actor, 'operator.create');
  if (!canGrantRole(actor.role, input.role)) throw forbidden(`Only an owner can create an ${input.role}`);
  return insertNewOperator(ctx, actor.workspaceId, input);
}

/** Also used at first start to create the owner of a new workspace. */
export async function insertNewOperator(ctx: Context, workspaceId: string, input: CreateOperatorInput): Promise<CreatedOperator> {
  if (await findOperatorByEmail(ctx.db, input.email)) throw conflict('An operator with this email already exists');
  const now = ctx.now();
  const inviteToken = input.password ? null : newToken();
  const row = {
    id: newId(),
    workspace_id: workspaceId,
    email: input.email,
    name: input.name,
    role: input.role,
    password_hash: input.password ? await hashPassword(input.password) : null,
    status: 'online',
    invite_token_hash: inviteToken ? hashToken(inviteToken) : null,
    invite_expires_at: inviteToken ? now + INVITE_TTL_MS : null,
    disabled_at: null,
    created_at: now,
    last_seen_at: null,
    capacity: null,
    last_assigned_at: null,
  };
  await insertOperator(ctx.db, row);
  return { operator: toOperator(row), inviteToken, inviteExpiresAt: row.invite_expires_at };
}

export async function updateOperator(ctx: Context, actor: Operator, id: string, input: UpdateOperatorInput): Promise<Operator> {
  authorize(actor, 'operator.update');
  const row = await findOperator(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Operator');
  const target = toOperator(row);
  if (target.role === 'owner' && actor.role !== 'owner') throw forbidden('Only an owner can change an owner');
  if (input.role && !canGrantRole(actor.role, input.role)) throw forbidden(`Only an owner can make an ${input.role}`);
  const losesOwner = target.role === 'owner' && ((input.role && input.role !== 'owner') || input.disabled === true);
  if (losesOwner && (await countOwners(ctx.db, actor.workspaceId)) <= 1) {
    throw conflict('A workspace needs at least one active owner');
  }
  const patch: Parameters<typeof updateRow>[3] = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.role !== undefined) patch.role = input.role;
  if (input.disabled !== undefined) patch.disabled_at = input.disabled ? ctx.now() : null;
  await updateRow(ctx.db, actor.workspaceId, id, patch);
  if (input.disabled) await deleteOperatorSessions(ctx.db, id);
  if (Object.keys(patch).length > 0) ctx.events.emit({ type: 'operator.access_changed', workspaceId: actor.workspaceId, operatorId: id });
  return { ...target, ...(input.name ? { name: input.name } : {}), ...(input.role ? { role: input.role } : {}), disabled: input.disabled ?? target.disabled };
}

export async function acceptInvite(ctx: Context, token: string, password: string, name?: string): Promise<Operator> {
  const row = await findOperatorByInvite(ctx.db, hashToken(token));
  if (!row || (row.invite_expires_at ?? 0) < ctx.now()) throw new AppError('not_found', 'This invite link is not valid any more');
  if (row.disabled_at !== null) throw badRequest('This account is disabled');
  const patch = {
    password_hash: await hashPassword(password),
    invite_token_hash: null,
    invite_expires_at: null,
    ...(name ? { name } : {}),
  };
  await updateRow(ctx.db, row.workspace_id, row.id, patch);
  return toOperator({ ...row, ...patch });
}

/** Chosen presence status (online/away); the gateway shows offline when no console is connected. */
export async function setOperatorStatus(ctx: Context, operator: Operator, status: 'online' | 'away'): Promise<void> {
  await updateRow(ctx.db, operator.workspaceId, operator.id, { status, last_seen_at: ctx.now() });
}
