/** Send later: inputs, the answer's schema, and the row as the API shows it. */
import { LIMITS, type ScheduledMessageDto } from '@switchboard/protocol';
import { sendFrame } from '@switchboard/protocol/schema';
import { z } from 'zod';
import type { ScheduledMessageRow } from './scheduled.table.js';

/** The furthest ahead a message can be scheduled. */
export const MAX_AHEAD_MS = 366 * 24 * 3600_000;
/** Waiting messages one conversation may hold. */
export const MAX_WAITING = 20;

export const scheduleMessageInput = z.object({
  body: z.string().trim().min(1, 'Write the message first').max(LIMITS.maxMessageChars, `Keep the message under ${LIMITS.maxMessageChars} characters`),
  /** When it goes out (epoch ms): in the future, at most a year ahead. */
  sendAt: z.number().int().positive(),
  /** Chosen by the console: scheduling the same message twice stores it once. */
  clientId: sendFrame.shape.clientId.optional(),
});
export type ScheduleMessageInput = z.infer<typeof scheduleMessageInput>;

export const STATUSES = ['scheduled', 'sending', 'sent', 'cancelled', 'failed'] as const;

export const scheduledSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  author: z.object({ id: z.string(), name: z.string() }),
  body: z.string(),
  sendAt: z.number(),
  status: z.enum(STATUSES).describe('scheduled: waiting (can be cancelled); sending: going out now; sent; cancelled; failed: see error'),
  error: z.string().nullable(),
  messageSeq: z.number().nullable().describe('The message it became, once sent'),
  createdAt: z.number(),
  /** The text as safe HTML, by the same renderer as messages. */
  html: z.string(),
});

export function presentScheduled(row: ScheduledMessageRow): ScheduledMessageDto {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    author: { id: row.author_id, name: row.author_name },
    body: row.body,
    sendAt: Number(row.send_at),
    status: row.status,
    error: row.error,
    messageSeq: row.message_seq === null ? null : Number(row.message_seq),
    createdAt: Number(row.created_at),
  };
}

export const SEND_SCHEDULED = 'message.send_scheduled';
export const sendKey = (id: string) => `${SEND_SCHEDULED}:${id}`;
/** The message's client id: a send repeated after a crash stores it once. */
export const clientIdOf = (id: string) => `scheduled-${id}`;
