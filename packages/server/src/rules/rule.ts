/**
 * A workspace rule: "when (event) if (conditions) then (actions)". The shapes
 * below are the API's and the stored JSON's; references (teams, labels,
 * inboxes) are checked on save (rule.service.ts) and again when a rule runs:
 * one deleted since is a failed run, reported next to the rule.
 */
import { z } from 'zod';

const id = z.string().min(1).max(64);
const minutes = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60);
const priority = z.enum(['urgent', 'high', 'normal', 'low']);
const mood = z.enum(['negative', 'neutral', 'positive']);

export const ruleEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('conversation_created') }),
  z.object({ type: z.literal('visitor_message') }),
  /** The visitor has waited this long for an answer (in the queue or unanswered). */
  z.object({ type: z.literal('waited'), minutes }),
  /** No operator has answered this long after the conversation started. */
  z.object({ type: z.literal('no_first_reply'), minutes }),
  z.object({ type: z.literal('sla_warning') }),
  z.object({ type: z.literal('sla_breached') }),
  z.object({ type: z.literal('mood_soured') }),
]);

const is = z.enum(['is', 'is_not']);
export const condition = z.discriminatedUnion('field', [
  z.object({ field: z.literal('inbox'), op: is, inboxId: id }),
  /** teamId null: no team. */
  z.object({ field: z.literal('team'), op: is, teamId: id.nullable() }),
  z.object({ field: z.literal('priority'), op: is, priority }),
  /** A contact attribute by key; `value` for is / is_not / contains. */
  z.object({
    field: z.literal('attribute'),
    key: z.string().min(1).max(64),
    op: z.enum(['is', 'is_not', 'contains', 'set', 'not_set']),
    value: z.union([z.string().max(500), z.number(), z.boolean()]).optional(),
  }),
  z.object({ field: z.literal('label'), op: z.enum(['has', 'has_not']), labelId: id }),
  /** The visitor's current page. */
  z.object({ field: z.literal('page_url'), op: z.enum(['contains', 'starts_with']), value: z.string().min(1).max(2000) }),
  z.object({ field: z.literal('mood'), op: is, mood }),
  /** The conversation's team (open: within its business hours now). */
  z.object({ field: z.literal('hours'), op: z.enum(['open', 'closed']) }),
]);

export const ruleAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('set_priority'), priority }),
  z.object({ type: z.literal('add_label'), labelId: id }),
  z.object({ type: z.literal('assign_team'), teamId: id }),
  z.object({ type: z.literal('escalate'), reason: z.string().trim().max(500).optional() }),
  z.object({ type: z.literal('notify_supervisors'), text: z.string().trim().max(500).optional() }),
]);

export const ruleInput = z.object({
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  event: ruleEvent,
  conditions: z.array(condition).max(20).default([]),
  actions: z.array(ruleAction).min(1, 'Add at least one action').max(10),
});
/** What a change names, nothing else (no defaults: a rule turned off keeps its conditions). */
export const ruleUpdate = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  enabled: z.boolean().optional(),
  event: ruleEvent.optional(),
  conditions: z.array(condition).max(20).optional(),
  actions: z.array(ruleAction).min(1, 'Add at least one action').max(10).optional(),
});
export const reorderInput = z.object({ ids: z.array(id).min(1).max(1000) });

export type RuleEvent = z.infer<typeof ruleEvent>;
export type Condition = z.infer<typeof condition>;
export type RuleAction = z.infer<typeof ruleAction>;
export type RuleInput = z.infer<typeof ruleInput>;

export interface Rule {
  id: string;
  workspaceId: string;
  name: string;
  position: number;
  enabled: boolean;
  event: RuleEvent;
  conditions: Condition[];
  actions: RuleAction[];
}

export interface RuleRun {
  conversationId: string;
  outcome: 'ok' | 'failed';
  reason: string | null;
  at: number;
}

export interface RuleDto extends Rule {
  lastRun: RuleRun | null;
  /** The latest failed run, while it is the latest run. */
  lastError: RuleRun | null;
}

export const ruleRunSchema = z.object({
  conversationId: z.string(),
  outcome: z.enum(['ok', 'failed']),
  reason: z.string().nullable(),
  at: z.number(),
});
export const ruleSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  name: z.string(),
  position: z.number(),
  enabled: z.boolean(),
  event: ruleEvent,
  conditions: z.array(condition),
  actions: z.array(ruleAction),
  lastRun: ruleRunSchema.nullable(),
  lastError: ruleRunSchema.nullable(),
});

/** What happened to a conversation, as rules see it. */
export type Trigger =
  | { type: 'conversation_created' }
  | { type: 'visitor_message' }
  | { type: 'waited'; minutes: number }
  | { type: 'no_first_reply'; minutes: number }
  | { type: 'sla_warning' }
  | { type: 'sla_breached' }
  | { type: 'mood_soured' };

/** The key a compiled rule set is indexed by: the event type and, for time events, the minutes. */
export const triggerKey = (t: Trigger | RuleEvent): string => ('minutes' in t ? `${t.type}:${t.minutes}` : t.type);
