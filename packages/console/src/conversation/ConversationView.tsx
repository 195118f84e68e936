import { useEffect } from 'preact/hooks';
import { hrefOf } from '../router';
import { dispatch, useStore } from '../store';
import { visitorName } from '../inbox/conversations';
import { Icon } from '../ui/icons';
import { markRead, setStatus, unassign } from './actions';
import { lastSeq } from './chat';
import { Composer } from './Composer';
import { ConversationLabels, LabelTool, MergeTool, SnoozeTool, type Tool } from './ConversationTools';
import { RunMacroMenu } from '../macro/RunMacroMenu';
import { MessageList } from './MessageList';
import { TranscriptMenu } from './TranscriptMenu';
import { AssignToMe } from '../team/AssignToMe';
import { PrioritySelect } from '../routing/PrioritySelect';
import { SlaMark } from '../sla/SlaMark';
import { ConversationTeam } from '../team/ConversationTeam';
import { DraftLine } from '../team/DraftLine';
import { PresenceLine } from '../team/PresenceLine';
import { ChosenTeam, EmailReplyMark } from '../forms/ConversationForms';
import { EscalateTool } from '../escalation/EscalateTool';
import { EscalationHistory } from '../escalation/EscalationHistory';
import { HandoffBanner } from '../escalation/HandoffBanner';
import { SupervisorTools } from '../escalation/SupervisorTools';
import { TransferTool } from '../escalation/TransferTool';
import { isMonitoring } from '../team/team-effects';
import { ConversationMood } from '../mood/MoodMark';
import { ConversationSummary } from '../summary/ConversationSummary';
import { ConversationIntent } from '../intent/ConversationIntent';

interface Props {
  id: string;
  detailsOpen: boolean;
  onToggleDetails: () => void;
}

export function ConversationView({ id, detailsOpen, onToggleDetails }: Props) {
  const c = useStore((s) => s.conversations[id]);
  const chat = useStore((s) => s.chats[id]);
  const me = useStore((s) => s.me);
  const visible = useStore((s) => s.visible);
  const assignee = useStore((s) => (c?.assigneeId ? s.operators[c.assigneeId] : undefined));
  const seq = chat ? lastSeq(chat) : 0;

  // What is on screen in a visible tab is read: tell the visitor (read receipt) and the team.
  useEffect(() => {
    if (visible && chat?.synced && seq > 0 && !isMonitoring(id)) markRead(id, seq);
  }, [id, visible, chat?.synced, seq]);

  const tool = useStore((s) => s.tool);
  const setTool = (t: Tool) => dispatch({ type: 'tool', tool: t });
  const name = c ? visitorName(c) : 'Conversation';
  const mine = !!me && c?.assigneeId === me.id;

  return (
    <section class="conversation" aria-label={`Conversation with ${name}`}>
      <header class="conv-header">
        <a class="btn btn-ghost btn-sm back-btn" href="#/inbox">
          <Icon name="back" />
          <span class="sr-only">Back to conversations</span>
        </a>
        <div class="conv-title">
          <h1>{name}</h1>
          <p class="conv-sub">
            {c && <span class={`pill pill-${c.status}`}>{c.status}</span>}
            {c && <PrioritySelect c={c} />}
            {c && <SlaMark c={c} pill />}
            {c?.rating != null && (
              <span class="pill rating-pill" title={`Rated ${c.rating} out of 5 by the visitor`}>
                <span aria-hidden="true">★ {c.rating}/5</span>
                <span class="sr-only">Rated {c.rating} out of 5 by the visitor</span>
              </span>
            )}
            {c && <EmailReplyMark c={c} pill />}
            {c && <ConversationMood c={c} />}
            <span>{c?.assigneeId ? `Assigned to ${mine ? 'you' : (assignee?.name ?? 'an operator')}` : 'Unassigned'}</span>
            {c && <ChosenTeam c={c} />}
            {c?.contact?.email && c.contact.name && <span class="muted">{c.contact.email}</span>}
            {c && <ConversationLabels c={c} />}
          </p>
          {c?.mergedInto && (
            <p class="conv-merged-note">
              Merged into <a href={hrefOf({ name: 'conversation', id: c.mergedInto })}>another conversation</a>: its messages are there.
            </p>
          )}
          <PresenceLine id={id} />
        </div>
        {c && (
          <div class="conv-actions">
            <RunMacroMenu id={id} />
            <TranscriptMenu id={id} />
            <ConversationTeam c={c} />
            {c.status !== 'resolved' && !c.mergedInto && <TransferTool c={c} />}
            {c.status !== 'resolved' && !c.mergedInto && <EscalateTool c={c} />}
            <EscalationHistory id={id} lastSeq={seq} />
            <SupervisorTools c={c} />
            {mine ? (
              <button type="button" class="btn btn-ghost btn-sm" onClick={() => void unassign(id)} title="Put it back in Unassigned">
                Unassign
              </button>
            ) : (
              <AssignToMe id={id} />
            )}
            <LabelTool c={c} open={tool === 'labels'} onOpen={(o) => setTool(o ? 'labels' : null)} />
            {c.status !== 'resolved' && !c.mergedInto && <SnoozeTool c={c} open={tool === 'snooze'} onOpen={(o) => setTool(o ? 'snooze' : null)} />}
            {!c.mergedInto && <MergeTool c={c} open={tool === 'merge'} onOpen={(o) => setTool(o ? 'merge' : null)} />}
            {c.status === 'snoozed' && (
              <button type="button" class="btn btn-sm" onClick={() => void setStatus(id, 'open')}>
                Wake up
              </button>
            )}
            {c.status === 'resolved' ? (
              <button type="button" class="btn btn-sm" onClick={() => void setStatus(id, 'open')}>
                Reopen
              </button>
            ) : (
              <button type="button" class="btn btn-sm btn-success" onClick={() => void setStatus(id, 'resolved')}>
                <Icon name="check" />
                Resolve
              </button>
            )}
            <button type="button" class="btn btn-ghost btn-sm details-btn" aria-expanded={detailsOpen} onClick={onToggleDetails}>
              <Icon name="info" />
              <span class="sr-only">Visitor details</span>
            </button>
          </div>
        )}
      </header>
      <HandoffBanner id={id} />
      <ConversationSummary id={id} />
      <ConversationIntent id={id} />
      {chat ? <MessageList id={id} chat={chat} meId={me?.id ?? null} visitorName={name} /> : <div class="messages" />}
      <DraftLine id={id} />
      <div class="typing-line" aria-live="polite">
        {chat?.visitorTyping && (
          <>
            <span class="typing-dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            Visitor is typing…
          </>
        )}
      </div>
      <Composer id={id} resolved={c?.status === 'resolved'} />
    </section>
  );
}
