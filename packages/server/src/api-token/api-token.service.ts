import { customAlphabet } from 'nanoid';
import type { Context } from '../context.js';
import { AppError, notFound, unauthorized } from '../errors.js';
import { hashToken, newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { findOperator, toOperator } from '../operator/operator.repository.js';
import { authorize } from '../policy/policy.js';
import { type ApiTokenDto, type CreateApiTokenInput, TOKEN_PREFIX } from './api-token.js';
import { findApiTokenByHash, insertApiToken, listActiveApiTokens, presentApiToken, revokeApiTokenRow, touchApiToken } from './api-token.repository.js';

/** 43 characters of base62: about 256 bits, and one word to double-click and copy. */
const secret = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 43);
const TOUCH_EVERY_MS = 60_000;

export async function listApiTokens(ctx: Context, actor: Operator): Promise<ApiTokenDto[]> {
  authorize(actor, 'api_token.manage');
  return (await listActiveApiTokens(ctx.db, actor.workspaceId)).map(presentApiToken);
}

/** Creates a token; the answer is the only time the token itself is seen. `resources`: what scopes may name. */
export async function createApiToken(
  ctx: Context,
  actor: Operator,
  input: CreateApiTokenInput,
  resources: readonly string[],
): Promise<{ token: string; apiToken: ApiTokenDto }> {
  authorize(actor, 'api_token.manage');
  const details = input.scopes.flatMap((s, i) =>
    resources.includes(s.split(':')[0] as string) ? [] : [{ in: 'body', path: `scopes.${i}`, message: `There is no resource ${s.split(':')[0]}` }],
  );
  if (details.length > 0) throw new AppError('validation_failed', details.map((d) => d.message).join('; '), { details });
  const token = TOKEN_PREFIX + secret();
  const row = {
    id: newId(),
    workspace_id: actor.workspaceId,
    operator_id: actor.id,
    name: input.name,
    token_hash: hashToken(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 8),
    scopes: JSON.stringify([...new Set(input.scopes)].sort()),
    created_at: ctx.now(),
    last_used_at: null,
    revoked_at: null,
  };
  await insertApiToken(ctx.db, row);
  return { token, apiToken: presentApiToken(row) };
}

export async function revokeApiToken(ctx: Context, actor: Operator, id: string): Promise<void> {
  authorize(actor, 'api_token.manage');
  if (!(await revokeApiTokenRow(ctx.db, actor.workspaceId, id, ctx.now()))) throw notFound('API token');
}

export interface TokenCaller {
  tokenId: string;
  scopes: string[];
  /** The token's creator, as an admin at most. */
  operator: Operator;
}

/** Resolves an API token to who it acts as; null when no token has this value (it may be a session). */
export async function authenticateApiToken(ctx: Context, token: string): Promise<TokenCaller | null> {
  const row = await findApiTokenByHash(ctx.db, hashToken(token));
  if (!row) return null;
  if (row.revoked_at !== null) throw unauthorized('This API token was revoked');
  const creator = await findOperator(ctx.db, row.workspace_id, row.operator_id);
  if (!creator || creator.disabled_at !== null) throw unauthorized('The operator who created this API token is disabled or gone');
  const now = ctx.now();
  if (row.last_used_at === null || now - row.last_used_at > TOUCH_EVERY_MS) await touchApiToken(ctx.db, row.id, now);
  const operator = toOperator(creator);
  return { tokenId: row.id, scopes: JSON.parse(row.scopes) as string[], operator: { ...operator, role: operator.role === 'owner' ? 'admin' : operator.role } };
}
