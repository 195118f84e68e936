import { LIMITS } from '@switchboard/protocol';
import { z } from 'zod';
import { displayName } from '../fields.js';
import { idParam } from '../http/schemas.js';

export const SCOPES = ['personal', 'team', 'workspace'] as const;
export type CannedScope = (typeof SCOPES)[number];

export interface CannedResponse {
  id: string;
  workspaceId: string;
  scope: CannedScope;
  ownerId: string | null;
  teamId: string | null;
  shortcut: string;
  title: string;
  body: string;
  createdAt: number;
  updatedAt: number;
}

/** Typed after a slash in the reply box: lower-case letters, digits, `-` and `_`; a leading slash is dropped. */
export const shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^\/+/, ''))
  .pipe(
    z
      .string()
      .min(1, 'Enter a shortcut, such as returns')
      .max(32, 'Keep the shortcut under 32 characters')
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Use letters, digits, - and _ only, with no spaces'),
  );

export const cannedFields = {
  shortcut,
  title: displayName(120, 'a title'),
  body: z
    .string()
    .max(LIMITS.maxMessageChars, `Keep the text under ${LIMITS.maxMessageChars} characters`)
    .refine((v) => v.trim().length > 0, 'Write the text of the response'),
  scope: z.enum(SCOPES),
};

const teamId = idParam.shape.id.nullable();

/** Who sees a response follows from its scope: personal (its owner), team (the team's members), workspace (everyone). */
export const createCannedInput = z
  .object({ ...cannedFields, scope: cannedFields.scope.default('personal'), teamId: teamId.optional() })
  .superRefine((v, ctx) => {
    if (v.scope === 'team' && !v.teamId) ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'Choose the team that shares this response' });
  });

export const updateCannedInput = z
  .object({ ...cannedFields, teamId: teamId })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to update');

export const cannedQuery = z.object({
  /** Ranked best matches (shortcut prefix first, typos forgiven); without it, every response you can see, by shortcut. */
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const cannedSchema = z.object({
  id: z.string(),
  shortcut: z.string(),
  title: z.string(),
  body: z.string(),
  scope: z.enum(SCOPES),
  ownerId: z.string().nullable(),
  teamId: z.string().nullable(),
  /** Whether the caller may change or delete it. */
  canEdit: z.boolean(),
  /** Another response with the same shortcut that the caller sees instead (a closer scope wins), or null. */
  hiddenBy: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export type CreateCannedInput = z.infer<typeof createCannedInput>;
export type UpdateCannedInput = z.infer<typeof updateCannedInput>;
export type CannedDto = z.infer<typeof cannedSchema>;
