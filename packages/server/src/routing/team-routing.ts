/** A team's routing settings (B2): how its queue is handed out, its members' default capacity, the answer time limit. */
import { z } from 'zod';

export const ASSIGNMENT_MODES = ['manual', 'round_robin', 'least_busy'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export interface TeamRouting {
  teamId: string;
  mode: AssignmentMode;
  /** Capacity of members who have none of their own. */
  defaultCapacity: number;
  /** An assigned conversation not answered within this many seconds goes back to the head of the queue; null: no limit. */
  answerSeconds: number | null;
}

/** A new team hands out nothing by itself until someone chooses a mode. */
export const ROUTING_DEFAULTS = { assignment_mode: 'manual', default_capacity: 3, answer_seconds: null, last_assignee_id: null } as const;

export const capacitySchema = z.number().int().min(0, 'At least 0').max(100, 'At most 100');

export const teamRoutingInput = z.object({
  mode: z.enum(ASSIGNMENT_MODES).optional(),
  defaultCapacity: capacitySchema.optional(),
  answerSeconds: z.number().int().min(10, 'At least 10 seconds').max(86_400, 'At most a day').nullable().optional(),
});

export const teamRoutingSchema = z.object({
  teamId: z.string(),
  mode: z.enum(ASSIGNMENT_MODES),
  defaultCapacity: z.number(),
  answerSeconds: z.number().nullable(),
});

export const operatorCapacityInput = z.object({
  capacity: capacitySchema.nullable().describe("Most conversations open at once routing gives this operator; null: their teams' default"),
});

export const toTeamRouting = (row: { id: string; assignment_mode: string; default_capacity: number; answer_seconds: number | null }): TeamRouting => ({
  teamId: row.id,
  mode: (ASSIGNMENT_MODES as readonly string[]).includes(row.assignment_mode) ? (row.assignment_mode as AssignmentMode) : 'manual',
  defaultCapacity: Number(row.default_capacity),
  answerSeconds: row.answer_seconds === null ? null : Number(row.answer_seconds),
});
