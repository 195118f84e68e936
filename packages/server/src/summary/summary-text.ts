/** A summary in words, for files kept with the record (the CSV export, the team's transcript). */
import type { ConversationSummaryDto } from '@switchboard/protocol';

export const REASON_TEXT: Record<ConversationSummaryDto['reason'], string> = {
  transfer: 'on transfer',
  escalation: 'on escalation',
  resolve: 'on resolve',
  handover: 'on the bot’s handover',
  request: 'on request',
};

/** The three parts, headed: Problem, Done, Pending (a part with nothing says "Nothing"). */
export const summaryParts = (s: ConversationSummaryDto): { heading: 'Problem' | 'Done' | 'Pending'; lines: string[] }[] => [
  { heading: 'Problem', lines: s.problem },
  { heading: 'Done', lines: s.done },
  { heading: 'Pending', lines: s.pending },
];

/** One line: "Problem: … | Done: … | Pending: …". */
export function summaryLine(s: ConversationSummaryDto): string {
  return summaryParts(s)
    .map((p) => `${p.heading}: ${p.lines.length ? p.lines.join(' ') : 'Nothing'}`)
    .join(' | ');
}
