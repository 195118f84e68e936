import { z } from 'zod';
import { displayName } from '../fields.js';

export const labelColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Enter a colour like #1f6feb');

export const createLabelInput = z.object({
  name: displayName(50, 'a name for the label'),
  color: labelColor.default('#6b7380'),
});

export const updateLabelInput = z
  .object({ name: displayName(50, 'a name for the label').optional(), color: labelColor.optional() })
  .refine((v) => v.name !== undefined || v.color !== undefined, 'Nothing to update');

export const conversationLabelsInput = z
  .object({
    add: z.array(z.string().min(1).max(64)).max(20).default([]),
    remove: z.array(z.string().min(1).max(64)).max(20).default([]),
  })
  .refine((v) => v.add.length + v.remove.length > 0, 'Name a label to add or remove');

export type CreateLabelInput = z.infer<typeof createLabelInput>;
export type UpdateLabelInput = z.infer<typeof updateLabelInput>;
