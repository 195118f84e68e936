import type { ConversationSummary, LabelDto } from '@switchboard/protocol';
import { hrefOf } from '../router';
import { fullTime, shortTime } from '../ui/time';
import { visitorName } from './conversations';
import { Icon } from '../ui/icons';
import { LabelChip } from '../ui/LabelChip';
import { UnreadBadge } from '../ui/UnreadBadge';
import { VerifiedMark } from '../identity/ContactVerification';
import { EmailReplyMark, waitsForEmail } from '../forms/ConversationForms';
import { PriorityMark } from '../routing/PrioritySelect';
import { hasSla, SlaMark } from '../sla/SlaMark';
import { ConversationMood } from '../mood/MoodMark';
import { botHandles, VirtualAgentMark } from '../virtual-agent/VirtualAgentMark';

interface Props {
  conversation: ConversationSummary;
  unread: number;
  active: boolean;
  assignee: string | null;
  labels: LabelDto[];
  now: number;
  meId: string | null;
}

export function ConversationItem({ conversation: c, unread, active, assignee, labels, now, meId }: Props) {
  const name = visitorName(c);
  const last = c.lastMessage;
  const who =
    last?.author.kind === 'operator'
      ? `${last.author.id === meId ? 'You' : (last.author.name ?? 'Operator')}: `
      : last?.author.kind === 'bot'
        ? `${last.author.name ?? 'Bot'} (bot): `
        : '';
  return (
    <li>
      <a
        class={`conv-item${active ? ' active' : ''}${unread > 0 ? ' has-unread' : ''}`}
        href={hrefOf({ name: 'conversation', id: c.id })}
        aria-current={active ? 'true' : undefined}
        data-conversation-id={c.id}
      >
        <span class="avatar avatar-visitor" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span class="conv-main">
          <span class="conv-top">
            <span class="conv-name">{name}</span>
            <VerifiedMark contact={c.contact} />
            {last && (
              <time class="conv-time" dateTime={new Date(last.createdAt).toISOString()} title={fullTime(last.createdAt)}>
                {shortTime(last.createdAt, now)}
              </time>
            )}
          </span>
          <span class="conv-bottom">
            <span class="conv-preview">
              {last && last.files > 0 && <Icon name="paperclip" size={13} />}
              {last ? `${who}${last.preview}` : 'No messages yet'}
            </span>
            <UnreadBadge count={unread} />
          </span>
          {(assignee ||
            labels.length > 0 ||
            c.status === 'snoozed' ||
            c.mergedInto ||
            waitsForEmail(c) ||
            botHandles(c) ||
            c.priority !== 'normal' ||
            hasSla(c) ||
            c.mood) && (
            <span class="conv-meta">
              <PriorityMark c={c} />
              <SlaMark c={c} />
              <ConversationMood c={c} />
              <EmailReplyMark c={c} />
              <VirtualAgentMark c={c} />
              {c.mergedInto && <span class="conv-merged">Merged</span>}
              {c.status === 'snoozed' && (
                <span class="conv-snoozed">{c.snoozedUntil ? `Snoozed until ${shortTime(c.snoozedUntil, now)}` : 'Snoozed until the visitor replies'}</span>
              )}
              {labels.map((l) => (
                <LabelChip key={l.id} label={l} />
              ))}
              {assignee && <span class="conv-assignee">{assignee}</span>}
            </span>
          )}
        </span>
      </a>
    </li>
  );
}
