import { LIMITS, type NoteDto } from '@switchboard/protocol';
import { sendFrame } from '@switchboard/protocol/schema';
import { z } from 'zod';

export const addNoteInput = z.object({
  body: z.string().trim().min(1, 'Write something first').max(LIMITS.maxMessageChars, `Keep a note under ${LIMITS.maxMessageChars} characters`),
  /** Chosen by the console, like a message's: adding the same note twice stores it once. */
  clientId: sendFrame.shape.clientId.optional(),
});

export const listNotesQuery = z.object({
  /** The last note seen (`noteSeq`): the answer starts after it. 0 for the first notes. */
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export type AddNoteInput = z.infer<typeof addNoteInput>;
export type ListNotesQuery = z.infer<typeof listNotesQuery>;

export interface AddNoteResult {
  note: NoteDto;
  /** The client id had already been stored: nothing new was written. */
  duplicate: boolean;
}

export const noteSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  noteSeq: z.number().describe('Position among the conversation’s notes, from 1, without gaps (not a message sequence)'),
  afterSeq: z.number().describe('The note shows right after the message with this sequence'),
  author: z.object({ id: z.string(), name: z.string() }),
  body: z.string(),
  mentions: z.array(z.object({ operatorId: z.string(), name: z.string() })),
  createdAt: z.number(),
  /** The text as safe HTML, by the same renderer as messages. */
  html: z.string(),
  kind: z.enum(['note', 'handoff', 'whisper']).optional().describe('A transfer’s handoff note, a supervisor’s whisper to the assignee; absent: a plain note'),
  toOperatorId: z.string().nullable().optional().describe('Whom a handoff note or a whisper is for'),
});

export const notePageSchema = z.object({ items: z.array(noteSchema), hasMore: z.boolean() });
