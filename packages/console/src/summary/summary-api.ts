/** Conversation summaries (G4): GET and POST /api/v1/conversations/:id/summaries, and how a new one joins the list. */
import type { ConversationSummaryDto } from '@switchboard/protocol';
import { request } from '../api';

export async function listSummaries(conversationId: string): Promise<ConversationSummaryDto[]> {
  return (await request<{ items: ConversationSummaryDto[] }>('GET', `/conversations/${encodeURIComponent(conversationId)}/summaries`)).items;
}

/** "Summarize": made now and answered; the `summary` frame brings it to the conversation's other operators. */
export async function summarize(conversationId: string): Promise<ConversationSummaryDto> {
  return request<ConversationSummaryDto>('POST', `/conversations/${encodeURIComponent(conversationId)}/summaries`, {});
}

/** The list with `s` in it once (a frame and the POST's answer may both bring it), the latest first. */
export function withSummary(list: readonly ConversationSummaryDto[], s: ConversationSummaryDto): ConversationSummaryDto[] {
  return [s, ...list.filter((x) => x.id !== s.id)].sort((a, b) => b.createdAt - a.createdAt || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0));
}

export const REASON_LABEL: Record<ConversationSummaryDto['reason'], string> = {
  transfer: 'On transfer',
  escalation: 'On escalation',
  resolve: 'On resolve',
  handover: 'On handover from the bot',
  request: 'On request',
};

/** Shown prominently: a summary made when the conversation came to this operator (moved or handed over), by someone else. */
export function isForReceiver(s: ConversationSummaryDto, meId: string | null): boolean {
  return (s.reason === 'transfer' || s.reason === 'escalation' || s.reason === 'handover') && s.createdBy !== meId;
}
