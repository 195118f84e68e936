import type { Context } from '../context.js';
import { AppError, unauthorized } from '../errors.js';
import { hashToken, newToken } from '../ids.js';
import type { Operator } from './operator.js';
import { findOperator, findOperatorByEmail, toOperator } from './operator.repository.js';
import { dummyHash, verifyPassword } from './password.js';
import { deleteSession, findSession, insertSession, touchSession } from './session.repository.js';

export interface SignedIn {
  token: string;
  expiresAt: number;
  operator: Operator;
}

export interface Authenticated {
  operator: Operator;
  sessionId: string;
  expiresAt: number;
}

const TOUCH_EVERY_MS = 60_000;

export async function login(ctx: Context, email: string, password: string): Promise<SignedIn> {
  const row = await findOperatorByEmail(ctx.db, email.trim().toLowerCase());
  const ok = await verifyPassword(row?.password_hash ?? (await dummyHash()), password);
  if (!row || !ok || !row.password_hash) throw unauthorized('Wrong email or password');
  // Only someone who knows the password learns that the account is disabled.
  if (row.disabled_at !== null) throw new AppError('forbidden', 'This account is disabled; ask an admin of your workspace to enable it');
  const token = newToken();
  const now = ctx.now();
  const expiresAt = now + ctx.config.sessionTtlMs;
  await insertSession(ctx.db, {
    id: hashToken(token),
    operator_id: row.id,
    workspace_id: row.workspace_id,
    created_at: now,
    expires_at: expiresAt,
    last_seen_at: now,
  });
  return { token, expiresAt, operator: toOperator(row) };
}

/** Resolves a session token to its operator, or throws `unauthorized`. */
export async function authenticate(ctx: Context, token: string | undefined): Promise<Authenticated> {
  if (!token) throw unauthorized();
  const id = hashToken(token);
  const session = await findSession(ctx.db, id);
  const now = ctx.now();
  if (!session || session.expires_at <= now) throw unauthorized('Your session has expired; sign in again');
  const row = await findOperator(ctx.db, session.workspace_id, session.operator_id);
  if (!row || row.disabled_at !== null) throw unauthorized('This account is disabled');
  if (now - session.last_seen_at > TOUCH_EVERY_MS) await touchSession(ctx.db, id, now);
  return { operator: toOperator(row), sessionId: id, expiresAt: session.expires_at };
}

export async function logout(ctx: Context, operator: Operator, sessionId: string): Promise<void> {
  await deleteSession(ctx.db, sessionId);
  ctx.events.emit({ type: 'session.ended', workspaceId: operator.workspaceId, operatorId: operator.id, sessionId });
}
