/** Input and output schemas of transfer, escalation and supervision. */
import { LIMITS } from '@switchboard/protocol';
import { z } from 'zod';

const id = z.string().min(1).max(64);

export const transferInput = z
  .object({
    teamId: id.optional(),
    operatorId: id.optional(),
    note: z
      .string()
      .max(LIMITS.maxMessageChars, `Keep a note under ${LIMITS.maxMessageChars} characters`)
      .optional()
      .describe('The handoff note, for operators only'),
  })
  .refine((b) => (b.teamId ? 1 : 0) + (b.operatorId ? 1 : 0) === 1, { message: 'Choose an operator or a team' });

export const escalateInput = z.object({
  reason: z.string().trim().min(1, 'Say why it is escalated').max(1000),
  operatorId: id.optional().describe('A supervisor; absent: the workspace’s tier-2 team'),
});

export const escalationSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  by: z.object({ kind: z.enum(['operator', 'rule']), id: z.string(), name: z.string() }),
  fromTeamId: z.string().nullable(),
  toTeamId: z.string().nullable(),
  toOperatorId: z.string().nullable(),
  reason: z.string(),
  createdAt: z.number(),
});

export const escalationSettingsSchema = z.object({ tier2TeamId: id.nullable() });
