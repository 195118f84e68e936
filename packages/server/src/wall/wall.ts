/** The supervision wall's input and answer (B6): per team its queue, its operators' load and shift, and what needs a look. */
import { z } from 'zod';
import { conversationSchema } from '../http/schemas.js';

export const wallQuery = z.object({ teamId: z.string().min(1).max(64).optional().describe('Only this team (one of those the supervisor sees)') });

export const wallSchema = z.object({
  teams: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      hours: z.object({ timeZone: z.string(), open: z.boolean(), nextChangeAt: z.number().nullable() }).nullable().describe('null: no hours, always open'),
      queue: z.object({ length: z.number(), oldestQueuedAt: z.number().nullable().describe('When the longest-waiting conversation joined the queue') }),
      operators: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          status: z.enum(['online', 'away', 'offline']),
          open: z.number().describe('Open or pending conversations assigned to them'),
          capacity: z.number().describe('Their own capacity, or the team’s default'),
          onShift: z.boolean(),
          shiftUntil: z.number().nullable().describe('On shift until then, or off shift until then (next start); null: no shifts'),
        }),
      ),
      attention: z.array(conversationSchema).describe('Open conversations of the team with a souring mood (or near an SLA breach), the longest waiting first'),
    }),
  ),
});

export type Wall = z.infer<typeof wallSchema>;
