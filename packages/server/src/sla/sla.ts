/** SLA policies: domain type, input and answer schemas. */
import { z } from 'zod';
import type { SlaTarget } from './sla.table.js';

export type { SlaTarget };
export const SLA_TARGETS: SlaTarget[] = ['first_response', 'next_response', 'resolution'];

export interface SlaPolicy {
  id: string;
  name: string;
  /** Seconds; null: no such target. */
  firstResponseSeconds: number | null;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
  /** Near breach once this share of the target has gone (unless warnBeforeSeconds). */
  warnPercent: number;
  /** Near breach this long before the target instead. */
  warnBeforeSeconds: number | null;
  /** Time outside the conversation's team's business hours does not count. */
  businessHours: boolean;
  createdAt: number;
  updatedAt: number;
}

const seconds = z
  .number()
  .int()
  .min(60)
  .max(366 * 86_400)
  .nullable();

export const slaPolicyInput = z.object({
  name: z.string().trim().min(1).max(80),
  firstResponseSeconds: seconds.default(null).describe('First response target in seconds (from the visitor’s first message); null: none'),
  nextResponseSeconds: seconds.default(null).describe('Next response target in seconds (from the visitor’s next message after an operator reply)'),
  resolutionSeconds: seconds.default(null).describe('Resolution target in seconds (from the start to resolved)'),
  warnPercent: z.number().int().min(1).max(99).default(80).describe('Near breach once this percent of the target has gone'),
  warnBeforeSeconds: z
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .nullable()
    .default(null)
    .describe('Near breach this long before the target instead of warnPercent'),
  businessHours: z.boolean().default(false).describe('Time outside the team’s business hours does not count'),
});
export type SlaPolicyInput = z.infer<typeof slaPolicyInput>;

export const slaPolicySchema = z.object({
  id: z.string(),
  name: z.string(),
  firstResponseSeconds: z.number().nullable(),
  nextResponseSeconds: z.number().nullable(),
  resolutionSeconds: z.number().nullable(),
  warnPercent: z.number(),
  warnBeforeSeconds: z.number().nullable(),
  businessHours: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const slaChoiceInput = z.object({ policyId: z.string().min(1).max(64).nullable().describe('The SLA policy; null: none') });
export const slaChoiceSchema = z.object({ policyId: z.string().nullable() });

/** The target's length in seconds under the policy; null: the policy has no such target. */
export function targetSeconds(p: SlaPolicy, target: SlaTarget): number | null {
  if (target === 'first_response') return p.firstResponseSeconds;
  if (target === 'next_response') return p.nextResponseSeconds;
  return p.resolutionSeconds;
}

/** Working seconds after the start when the target is near breach. */
export function warnAfterSeconds(p: SlaPolicy, total: number): number {
  if (p.warnBeforeSeconds !== null) return Math.max(0, total - p.warnBeforeSeconds);
  return Math.floor((total * p.warnPercent) / 100);
}
