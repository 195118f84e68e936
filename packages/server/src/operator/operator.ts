import { z } from 'zod';
import { displayName } from '../fields.js';
import { passwordProblem } from './password-strength.js';
import type { OperatorRole } from '@switchboard/protocol';

export const ROLES = ['owner', 'admin', 'supervisor', 'operator'] as const satisfies readonly OperatorRole[];

export interface Operator {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  role: OperatorRole;
  status: 'online' | 'away';
  disabled: boolean;
  createdAt: number;
}

export const email = z.string().trim().toLowerCase().email().max(254);
export const password = z.string().min(8, 'Use at least 8 characters').max(200, 'Use at most 200 characters');
export const name = displayName(100);

/** A new password must not be common, breached or easy to guess (see password-strength.ts). */
function strong<T extends { password?: string | undefined; email?: string; name?: string | undefined }>(v: T, ctx: z.RefinementCtx): void {
  if (v.password === undefined) return;
  const problem = passwordProblem(v.password, [v.email, v.name]);
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
}

export const loginInput = z.object({ email, password: z.string().min(1).max(200) });

export const createOperatorInput = z
  .object({
    email,
    name,
    role: z.enum(ROLES).default('operator'),
    /** Without a password the operator is invited: the answer carries a one-time invite link. */
    password: password.optional(),
  })
  .superRefine(strong);

export const updateOperatorInput = z
  .object({ name: name.optional(), role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to update');

export const acceptInviteInput = z.object({ token: z.string().min(10).max(200), password, name: name.optional() }).superRefine(strong);

export type CreateOperatorInput = z.infer<typeof createOperatorInput>;
export type UpdateOperatorInput = z.infer<typeof updateOperatorInput>;
