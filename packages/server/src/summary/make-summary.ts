/**
 * makeSummary: reads a conversation's messages (the latest 200), asks the
 * workspace's language model for a summary grounded in them, and falls back
 * to the extractive summary of the assist engine when it answers null (none
 * configured, a failure, or an answer citing no message). Stores it and
 * announces it (`conversation.summarized`): the summary frame follows.
 */
import { type SummaryMessage, summarizeConversation } from '@switchboard/assist';
import type { ConversationSummaryDto, MessageDto, SummaryReason } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { GroundingPassage } from '../language-model/language-model.js';
import { listMessagesBefore, presentMessage } from '../message/message.repository.js';
import { insertSummary } from './summary.repository.js';

/** The latest messages a summary reads (older ones rarely matter to the next operator). */
export const SUMMARY_MESSAGES = 200;

export interface MakeSummaryProps {
  workspaceId: string;
  conversationId: string;
  reason: SummaryReason;
  createdBy: string | null;
  /** The stored row's id (a job's id makes a retried run store it once). */
  id?: string;
  /** Writes the row in this transaction, with whatever else must commit with it (a job's completion). */
  store?: (write: (db: Db) => Promise<void>) => Promise<void>;
}

const QUESTION =
  'Summarize this conversation for the operator who takes it over, in three short sections headed "Problem:" (the visitor’s problem), "Done:" (what operators and bots did) and "Pending:" (what is still open; "Nothing" when nothing is).';

export async function makeSummary(ctx: Context, p: MakeSummaryProps): Promise<ConversationSummaryDto> {
  const conversation = await ctx.db
    .selectFrom('conversations')
    .select(['id'])
    .where('workspace_id', '=', p.workspaceId)
    .where('id', '=', p.conversationId)
    .executeTakeFirst();
  if (!conversation) throw notFound('Conversation');
  const messages = (await listMessagesBefore(ctx.db, p.conversationId, Number.MAX_SAFE_INTEGER, SUMMARY_MESSAGES)).map(presentMessage);
  const parts = (await modelSummary(ctx, p.workspaceId, messages)) ?? {
    ...summarizeConversation(messages.map(toSummaryMessage)),
    source: 'extractive' as const,
  };
  const summary: ConversationSummaryDto = {
    id: p.id ?? newId(),
    conversationId: p.conversationId,
    reason: p.reason,
    problem: parts.problem,
    done: parts.done,
    pending: parts.pending,
    source: parts.source,
    createdAt: ctx.now(),
    createdBy: p.createdBy,
  };
  const write = (db: Db) =>
    insertSummary(db, {
      id: summary.id,
      workspace_id: p.workspaceId,
      conversation_id: p.conversationId,
      reason: p.reason,
      problem: JSON.stringify(summary.problem),
      done: JSON.stringify(summary.done),
      pending: JSON.stringify(summary.pending),
      source: summary.source,
      created_at: summary.createdAt,
      created_by: p.createdBy,
    });
  await (p.store ? p.store(write) : write(ctx.db));
  ctx.events.emit({ type: 'conversation.summarized', workspaceId: p.workspaceId, summary });
  return summary;
}

export function toSummaryMessage(m: MessageDto): SummaryMessage {
  const author = m.author.kind;
  return { seq: m.seq, author, text: m.body, event: m.kind === 'event' ? (m.event?.type ?? null) : null };
}

type Parts = Pick<ConversationSummaryDto, 'problem' | 'done' | 'pending' | 'source'>;

async function modelSummary(ctx: Context, workspaceId: string, messages: MessageDto[]): Promise<Parts | null> {
  const passages: GroundingPassage[] = messages
    .filter((m) => m.body.trim())
    .map((m) => ({ id: String(m.seq), title: `Message ${m.seq} (${m.author.kind})`, text: m.body }));
  if (passages.length === 0) return null;
  const answer = await ctx.languageModel.answer({ workspaceId, task: 'summary', question: QUESTION, passages }).catch((err: unknown) => {
    ctx.log.warn({ err }, 'the language model failed to summarize; extractive summary instead');
    return null;
  });
  if (!answer || answer.citations.length === 0 || !answer.text.trim()) return null;
  return { ...parseSections(answer.text), source: 'model' };
}

/** "Problem: … Done: … Pending: …" into its three parts; without headings the whole answer is the problem. */
export function parseSections(text: string): Omit<Parts, 'source'> {
  const heading = /^\s*(?:#+\s*|\*\*)?(problem|done|pending)\s*(?:\*\*)?\s*:?\s*(?:\*\*)?\s*/i;
  const out: Record<'problem' | 'done' | 'pending', string[]> = { problem: [], done: [], pending: [] };
  let current: keyof typeof out | null = null;
  let found = false;
  for (const line of text.split(/\r?\n/)) {
    const m = heading.exec(line);
    if (m?.[1] && /:|\*\*|#/.test(line.slice(0, m[0].length + 1))) {
      current = m[1].toLowerCase() as keyof typeof out;
      found = true;
      const rest = line.slice(m[0].length).trim();
      if (rest) out[current].push(rest);
    } else if (current && line.trim()) {
      out[current].push(line.trim().replace(/^[-*•]\s+/, ''));
    }
  }
  if (!found) return { problem: [text.trim()], done: [], pending: [] };
  const para = (lines: string[]) => {
    const joined = lines.join(' ').trim();
    return joined && !/^(nothing|none|n\/a)\.?$/i.test(joined) ? [joined] : [];
  };
  return { problem: para(out.problem), done: para(out.done), pending: para(out.pending) };
}
