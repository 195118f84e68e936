import { safeHref } from '@switchboard/text';
import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../store';
import { shortId, visitorName } from '../inbox/conversations';
import { fullTime, localTime } from '../ui/time';
import { Icon } from '../ui/icons';
import { loadVisitor } from './actions';
import { describeBrowser } from './visitor-format';
import { ContactVerification } from '../identity/ContactVerification';
import { VisitActivity } from '../visitor/VisitActivity';
import { ContactCard } from '../contact/ContactCard';
import { ChosenTeam, EmailReplyMark } from '../forms/ConversationForms';
import { SubjectTasks } from '../task/SubjectTasks';
import { VirtualAgentMark } from '../virtual-agent/VirtualAgentMark';
import { SuggestedProducts } from '../product-suggest/SuggestedProducts';

/** Who the visitor is and where they are now; `visitor` frames keep it live. */
export function VisitorPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const c = useStore((s) => s.conversations[id]);
  const visitor = useStore((s) => (c ? s.visitors[c.visitorId] : undefined));
  const assignee = useStore((s) => (c?.assigneeId ? s.operators[c.assigneeId]?.name : undefined));
  const now = useNow(30_000);
  const visitorId = c?.visitorId;

  useEffect(() => {
    if (visitorId) loadVisitor(visitorId);
  }, [visitorId]);

  const pageHref = visitor?.pageUrl ? safeHref(visitor.pageUrl) : null;
  if (!c) return <aside class="visitor-panel" aria-label="Visitor details" />;
  const time = localTime(now, visitor?.timeZone);

  return (
    <aside class="visitor-panel" aria-label="Visitor details">
      <div class="panel-head">
        <span class="avatar avatar-lg avatar-visitor" aria-hidden="true">
          {visitorName(c).slice(0, 1).toUpperCase()}
        </span>
        <div>
          <h2>{visitorName(c)}</h2>
          <p class="muted small">{c.contact?.email ?? `Anonymous visitor · ${shortId(c.visitorId)}`}</p>
        </div>
        <button type="button" class="btn btn-ghost btn-sm panel-close" onClick={onClose}>
          <Icon name="x" />
          <span class="sr-only">Close visitor details</span>
        </button>
      </div>
      <dl class="facts">
        <dt>On page</dt>
        <dd>
          {pageHref ? (
            <a href={pageHref} target="_blank" rel="noopener noreferrer nofollow" title={visitor?.pageUrl ?? undefined}>
              {visitor?.pageTitle || visitor?.pageUrl}
              <Icon name="external" size={12} />
            </a>
          ) : visitor?.pageUrl ? (
            // What a visitor reports is theirs to make up: only an http(s) address becomes a link.
            <span>{visitor.pageTitle || visitor.pageUrl}</span>
          ) : (
            <span class="muted">Unknown</span>
          )}
          {visitor?.pageUrl && visitor.pageTitle && <span class="fact-sub">{visitor.pageUrl}</span>}
        </dd>
        <dt>Identity</dt>
        <dd>
          <ContactVerification contact={c.contact} />
        </dd>
        <dt>Local time</dt>
        <dd>{time ?? <span class="muted">Unknown</span>}</dd>
        <dt>Browser</dt>
        <dd title={visitor?.userAgent ?? undefined}>{describeBrowser(visitor?.userAgent)}</dd>
        <dt>Language</dt>
        <dd>{visitor?.locale ?? <span class="muted">Unknown</span>}</dd>
        {visitor?.lastSeenAt && (
          <>
            <dt>Last seen</dt>
            <dd>{fullTime(visitor.lastSeenAt)}</dd>
          </>
        )}
      </dl>
      <ContactCard conversation={c} />
      <VisitActivity visitor={visitor} />
      <SuggestedProducts id={c.id} />
      <h3 class="panel-section">Conversation</h3>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <span class={`pill pill-${c.status}`}>{c.status}</span>
        </dd>
        <dt>Assignee</dt>
        <dd>
          {assignee ?? (c.assigneeId ? 'An operator' : 'Unassigned')} <VirtualAgentMark c={c} pill />
        </dd>
        {c.teamId && (
          <>
            <dt>Team chosen</dt>
            <dd>
              <ChosenTeam c={c} label="" />
            </dd>
          </>
        )}
        {c.awaitingEmailReply && c.status !== 'resolved' && (
          <>
            <dt>Reply</dt>
            <dd>
              <EmailReplyMark c={c} />
            </dd>
          </>
        )}
        <dt>Started</dt>
        <dd>{fullTime(c.createdAt)}</dd>
      </dl>
      <SubjectTasks conversationId={c.id} />
    </aside>
  );
}

/** The current time, refreshed every `everyMs` (for the visitor's clock). */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
