/**
 * Domain events, written explicitly by services after their transaction
 * commits. Side effects (realtime fan-out today; webhooks, search, notifications
 * later) subscribe here; nothing flows back into the service.
 */
import type { RichClickFrame } from '@switchboard/protocol';
import type {
  ContactDto,
  ContactImportDto,
  ConversationSummaryDto,
  ConversationSummary,
  LabelDto,
  MessageDto,
  MessageEmail,
  MessageMood,
  NoteDto,
  PageViewDto,
  SaleDto,
  ScheduledMessageDto,
  TaskDto,
  VisitorInfo,
} from '@switchboard/protocol';

/** Who a conversation belonged to before a change that moved it (team, assignee): whose lists it leaves. */
export interface PreviousAudience {
  teamId: string | null;
  assigneeId: string | null;
}

export type DomainEvent =
  | { type: 'message.created'; workspaceId: string; visitorId: string; message: MessageDto; conversation: ConversationSummary; previous?: PreviousAudience }
  | { type: 'conversation.created'; workspaceId: string; visitorId: string; conversation: ConversationSummary }
  /** `previous`: the team and assignee before this change, when it moved them (the consoles that saw it then are told). */
  | { type: 'conversation.updated'; workspaceId: string; visitorId: string; conversation: ConversationSummary; previous?: PreviousAudience }
  | { type: 'conversation.read'; workspaceId: string; conversationId: string; reader: 'visitor' | 'operator'; seq: number }
  /** The visitor moved or left; `pageView`: the page they just opened. Only for visitors with conversations (`conversationIds`). */
  | { type: 'visitor.updated'; workspaceId: string; visitor: VisitorInfo; conversationIds: string[]; pageView?: PageViewDto }
  /** An operator started a conversation with a visitor on the site (Start chat): their widget opens it. */
  | { type: 'visitor.invited'; workspaceId: string; visitorId: string; conversationId: string; operatorName: string }
  /** Who these visitors are changed (identified, verified or no longer), or their verified contact's conversations did: their widgets list again. */
  | { type: 'visitor.identified'; workspaceId: string; visitors: { visitorId: string; verified: boolean }[] }
  /** A label was renamed, recoloured or deleted: consoles update their lists. */
  | { type: 'label.changed'; workspaceId: string; label: LabelDto; deleted: boolean }
  /** Two conversations became one: `from` is closed and its messages are in `into`, renumbered. */
  | { type: 'conversation.merged'; workspaceId: string; fromId: string; into: ConversationSummary; from: ConversationSummary }
  /** An operator signed out: this session's live connections end, on every node. */
  | { type: 'session.ended'; workspaceId: string; operatorId: string; sessionId: string }
  /** An operator was disabled, enabled, renamed or given another role: their live connections check their access again. */
  | { type: 'operator.access_changed'; workspaceId: string; operatorId: string }
  /** A private note was written; `mentioned`: the operators it notifies, with their unseen mentions in the conversation now. */
  | { type: 'note.created'; workspaceId: string; note: NoteDto; mentioned: { operatorId: string; unseen: number }[] }
  /** A scheduled message was added, cancelled, sent or failed. */
  | { type: 'scheduled.changed'; workspaceId: string; scheduled: ScheduledMessageDto }
  /** An operator opened a conversation where notes mentioned them. */
  | { type: 'mentions.seen'; workspaceId: string; operatorId: string; conversationId: string }
  /** An operator changed their own preferences (idle minutes before away). */
  | { type: 'operator.preferences_changed'; workspaceId: string; operatorId: string; awayAfterMinutes: number }
  /** A contact's fields, attributes, labels or notes changed, or it was merged or deleted. */
  | {
      type: 'contact.changed';
      workspaceId: string;
      contact: ContactDto;
      change: 'updated' | 'notes' | 'merged' | 'deleted';
      mergedInto: string | null;
      updatedAt: number;
    }
  /** A contact was made (by an operator, a form or the website's identification). */
  | { type: 'contact.created'; workspaceId: string; contact: ContactDto }
  /** A CSV import of contacts went further, or ended: for the operator who started it. */
  | { type: 'contact_import.changed'; workspaceId: string; operatorId: string; import: ContactImportDto }
  /** A team's business hours opened or an operator's shift started (a durable job at the time, or a saved schedule): routing drains the queue. */
  | { type: 'schedule.opened'; workspaceId: string; teamId: string | null; operatorId: string | null }
  /** A team's hours or an operator's shift opened or closed, or the schedule was saved: widgets and consoles hear of it. */
  | { type: 'schedule.changed'; workspaceId: string; teamId: string | null; operatorId: string | null }
  | {
      type: 'conversation.escalated';
      workspaceId: string;
      conversationId: string;
      teamId: string | null;
      operatorId: string | null;
      reason: string;
      by: { kind: 'operator'; id: string; name: string } | { kind: 'rule'; id: string; name: string };
    }
  /** An SLA target of the conversation is near breach (its warning job ran). */
  | { type: 'sla.warning'; workspaceId: string; conversationId: string; target: 'first_response' | 'next_response' | 'resolution'; dueAt: number }
  /** An SLA target of the conversation was breached (recorded once, by its durable job). */
  | { type: 'sla.breached'; workspaceId: string; conversationId: string; target: 'first_response' | 'next_response' | 'resolution'; dueAt: number }
  /** A visitor message was scored for mood (after it was stored): the conversation's operators see its mark. */
  | { type: 'mood.scored'; workspaceId: string; conversationId: string; seq: number; mood: MessageMood }
  /** The visitor's mood in a conversation turned souring (once, until it stops souring): rules can act on it. */
  | { type: 'mood.soured'; workspaceId: string; conversationId: string; confidence: number }
  /** The mail carrying an operator message was queued, sent or failed (outbound email): the conversation's operators see its state. */
  | { type: 'email.changed'; workspaceId: string; conversationId: string; seq: number; email: MessageEmail }
  /** A task was added, changed, done, reopened, snoozed or deleted: the operators it concerns (assignee, previous assignee, creator) hear of it. */
  /** An article was written, changed, published, taken off the help centre or deleted: what indexes articles (F2, F3) follows it. */
  | {
      type: 'article.changed';
      workspaceId: string;
      articleId: string;
      state: 'draft' | 'published';
      change: 'created' | 'updated' | 'published' | 'unpublished' | 'deleted';
    }
  | { type: 'task.changed'; workspaceId: string; task: TaskDto; operatorIds: string[]; deleted: boolean }
  /** A bot (a webhook bot or the virtual agent) handed the conversation over to people: summaries (G4) follow it. */
  | {
      type: 'conversation.handed_over';
      workspaceId: string;
      conversationId: string;
      botId: string;
      /** Why: the visitor asked, no confident answer, the mood soured, the turn limit, outside hours, the bot decided. */
      reason: 'visitor_asked' | 'no_answer' | 'mood' | 'turns' | 'offline' | 'bot';
    }
  /** A summary of a conversation was made (G4): the operators who may see it get it at once. */
  | { type: 'conversation.summarized'; workspaceId: string; summary: ConversationSummaryDto }
  /** A reported purchase was attributed (sales/): consoles with the Sales page open load it again. */
  | { type: 'sale.attributed'; workspaceId: string; sale: SaleDto }
  | {
      type: 'task.due';
      workspaceId: string;
      taskId: string;
      assigneeId: string;
      title: string;
      conversationId: string | null;
      contactId: string | null;
      dueAt: number;
    }
  /** Catalogue products were created, replaced or deleted (E2: by the API or a CSV import); whoever indexes the catalogue refreshes these ids. */
  | { type: 'product.created'; workspaceId: string; productIds: string[] }
  | { type: 'product.updated'; workspaceId: string; productIds: string[] }
  | { type: 'product.deleted'; workspaceId: string; productIds: string[] }
  /** A visitor clicked in a rich message (E2): the conversation's operators see the message's count. */
  | { type: 'rich.clicked'; workspaceId: string; frame: RichClickFrame };

export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
type Handler<T extends EventType> = (event: EventOf<T>) => void | Promise<void>;

export class EventBus {
  private readonly handlers = new Map<EventType, Handler<EventType>[]>();

  constructor(private readonly onError: (err: unknown, event: DomainEvent) => void) {}

  on<T extends EventType>(type: T, handler: Handler<T>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as unknown as Handler<EventType>);
    this.handlers.set(type, list);
  }

  /** Runs every handler; one failing handler is logged and does not stop the others. */
  emit(event: DomainEvent): void {
    for (const h of this.handlers.get(event.type) ?? []) {
      try {
        const r = h(event);
        if (r instanceof Promise) r.catch((err) => this.onError(err, event));
      } catch (err) {
        this.onError(err, event);
      }
    }
  }
}
