/**
 * A system line in the visitor's words, from the structured event the server
 * stores with it (never the English text stored beside it, unless the event is
 * of a kind this code does not know). Label changes are the team's business:
 * visitors see no line for them (null).
 */
import type { SystemEvent } from '@switchboard/protocol';
import type { MessageKey } from './en.js';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function eventText(event: SystemEvent | null, body: string, t: T): string | null {
  if (!event) return body;
  switch (event.type) {
    case 'status': {
      const name = event.byName;
      if (event.status === 'resolved') {
        if (event.by === 'visitor') return t('eventEnded');
        return name ? t('eventResolvedBy', { name }) : t('eventResolved');
      }
      if (event.status === 'open') return name ? t('eventReopenedBy', { name }) : t('eventReopened');
      if (event.status === 'pending') return t('eventPending');
      return t('eventSnoozed');
    }
    case 'assigned':
      return event.operatorName ? t('eventJoined', { name: event.operatorName }) : t('eventUnassigned');
    case 'labels':
      return null;
    case 'merged':
      return t('eventMerged');
    case 'rating':
      return t('eventRated', { n: event.rating });
    // Someone new has the chat: the visitor meets them, as when an operator joins.
    case 'taken_over':
      return t('eventJoined', { name: event.operatorName });
    case 'transferred':
    case 'escalated':
      return event.operatorName ? t('eventJoined', { name: event.operatorName }) : null;
    // How the team orders and hands out its work: not the visitor's business.
    case 'priority':
    case 'requeued':
    case 'rule':
    case 'intent':
      return null;
    default:
      return body;
  }
}
