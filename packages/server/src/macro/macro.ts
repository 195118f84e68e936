import { z } from 'zod';
import { conversationSchema, idParam } from '../http/schemas.js';
import { displayName } from '../fields.js';

export const MACRO_SCOPES = ['personal', 'workspace'] as const;
export type MacroScope = (typeof MACRO_SCOPES)[number];

export interface MacroStep {
  kind: string;
  input: unknown;
}

export interface Macro {
  id: string;
  workspaceId: string;
  scope: MacroScope;
  ownerId: string | null;
  name: string;
  actions: MacroStep[];
  createdAt: number;
  updatedAt: number;
}

export const MAX_ACTIONS = 20;

/** The macro inputs, around the schema of one action (built from the registry once every kind is registered). */
export function macroInputs(action: z.ZodType<MacroStep>) {
  const actions = z.array(action).min(1, 'Add at least one action').max(MAX_ACTIONS, `At most ${MAX_ACTIONS} actions`);
  const name = displayName(100, 'a name for the macro');
  return {
    create: z.object({ name, scope: z.enum(MACRO_SCOPES).default('personal'), actions }),
    update: z
      .object({ name, scope: z.enum(MACRO_SCOPES), actions })
      .partial()
      .refine((v) => Object.keys(v).length > 0, 'Nothing to update'),
  };
}

export type CreateMacroInput = { name: string; scope: MacroScope; actions: MacroStep[] };
export type UpdateMacroInput = Partial<CreateMacroInput>;

export const macroSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(MACRO_SCOPES),
  ownerId: z.string().nullable(),
  actions: z.array(z.object({ kind: z.string(), input: z.unknown() })),
  /** Whether the caller may change or delete it (personal: its owner; workspace: admins). */
  canEdit: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const runParams = z.object({ id: idParam.shape.id, macroId: idParam.shape.id });

export const runResultSchema = z.object({
  /** The actions done, in order, each with a sentence saying what it did. */
  done: z.array(z.object({ index: z.number(), kind: z.string(), summary: z.string().nullable() })),
  /** The action that failed (the run stops there), or null when every action was done. */
  failed: z.object({ index: z.number(), kind: z.string(), message: z.string() }).nullable(),
  conversation: conversationSchema,
});

export type MacroDto = z.infer<typeof macroSchema>;
export type RunResult = z.infer<typeof runResultSchema>;
