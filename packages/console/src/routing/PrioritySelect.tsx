import type { ConversationSummary, Priority } from '@switchboard/protocol';
import { messageOf } from '../api';
import { dispatch } from '../store';
import { PRIORITIES, routingApi } from './routing-api';

const LABEL: Record<Priority, string> = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' };
export const priorityLabel = (p: Priority): string => LABEL[p];

/** "Priority" in the conversation's header: urgent, high, normal, low; the queue takes the most urgent first. */
export function PrioritySelect({ c }: { c: ConversationSummary }) {
  const change = async (priority: Priority) => {
    try {
      dispatch({ type: 'summary', conversation: (await routingApi.setPriority(c.id, priority)).conversation });
    } catch (err) {
      dispatch({ type: 'notice', message: messageOf(err) });
    }
  };
  return (
    <select class="priority-select" aria-label="Priority" value={c.priority} onChange={(e) => void change(e.currentTarget.value as Priority)}>
      {PRIORITIES.map((p) => (
        <option key={p} value={p}>
          {LABEL[p]}
        </option>
      ))}
    </select>
  );
}

/** In the list: only what is not normal is worth a mark. */
export function PriorityMark({ c }: { c: ConversationSummary }) {
  if (c.priority === 'normal') return null;
  return <span class={`pill priority-${c.priority}`}>{LABEL[c.priority]}</span>;
}
