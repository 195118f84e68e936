/**
 * What the forms say about a conversation: "Waiting for an email reply" (the
 * visitor left it with the offline form while nobody was available; shown
 * until it is resolved), and the team the visitor chose in the pre-chat form.
 */
import type { ConversationSummary } from '@switchboard/protocol';
import { useTeams } from './teams';

export const waitsForEmail = (c: ConversationSummary): boolean => c.awaitingEmailReply === true && c.status !== 'resolved';

export function EmailReplyMark({ c, pill }: { c: ConversationSummary; pill?: boolean }) {
  if (!waitsForEmail(c)) return null;
  return (
    <span
      class={pill ? 'pill email-reply-pill' : 'conv-email-reply'}
      title="The visitor left this message while nobody was online and expects the reply by email"
    >
      Waiting for an email reply
    </span>
  );
}

/** The name of the team the visitor chose ("Team: Billing"); nothing when none. */
export function ChosenTeam({ c, label = 'Team: ' }: { c: ConversationSummary; label?: string }) {
  const teams = useTeams();
  if (!c.teamId) return null;
  const name = teams?.find((t) => t.id === c.teamId)?.name ?? (teams ? 'A deleted team' : '…');
  return (
    <span class="chosen-team">
      {label}
      {name}
    </span>
  );
}
