import { z } from 'zod';
import { displayName } from '../fields.js';

export const contactInput = z
  .object({
    name: displayName(200).nullable().optional(),
    email: z.string().trim().toLowerCase().email().max(254).nullable().optional(),
  })
  .refine((v) => v.name !== undefined || v.email !== undefined, 'give a name or an email');

export type ContactInput = z.infer<typeof contactInput>;
