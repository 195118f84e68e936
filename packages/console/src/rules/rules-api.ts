/** The HTTP API of Settings → Rules, and the words the console uses for rules. */
import { request } from '../api';

export type RuleEvent =
  | { type: 'conversation_created' }
  | { type: 'visitor_message' }
  | { type: 'waited'; minutes: number }
  | { type: 'no_first_reply'; minutes: number }
  | { type: 'sla_warning' }
  | { type: 'sla_breached' }
  | { type: 'mood_soured' };

export type Condition =
  | { field: 'inbox'; op: 'is' | 'is_not'; inboxId: string }
  | { field: 'team'; op: 'is' | 'is_not'; teamId: string | null }
  | { field: 'priority'; op: 'is' | 'is_not'; priority: string }
  | { field: 'attribute'; key: string; op: 'is' | 'is_not' | 'contains' | 'set' | 'not_set'; value?: string | number | boolean }
  | { field: 'label'; op: 'has' | 'has_not'; labelId: string }
  | { field: 'page_url'; op: 'contains' | 'starts_with'; value: string }
  | { field: 'mood'; op: 'is' | 'is_not'; mood: string }
  | { field: 'hours'; op: 'open' | 'closed' };

export type RuleAction =
  | { type: 'set_priority'; priority: string }
  | { type: 'add_label'; labelId: string }
  | { type: 'assign_team'; teamId: string }
  | { type: 'escalate'; reason?: string }
  | { type: 'notify_supervisors'; text?: string };

export interface RuleRun {
  conversationId: string;
  outcome: 'ok' | 'failed';
  reason: string | null;
  at: number;
}

export interface Rule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  event: RuleEvent;
  conditions: Condition[];
  actions: RuleAction[];
  lastRun: RuleRun | null;
  lastError: RuleRun | null;
}

export type RuleInput = Pick<Rule, 'name' | 'enabled' | 'event' | 'conditions' | 'actions'>;

export const rulesApi = {
  list: () => request<{ items: Rule[] }>('GET', '/rules'),
  create: (input: RuleInput) => request<Rule>('POST', '/rules', { ...input }),
  update: (id: string, patch: Partial<RuleInput>) => request<Rule>('PATCH', `/rules/${id}`, { ...patch }),
  remove: (id: string) => request<void>('DELETE', `/rules/${id}`),
  reorder: (ids: string[]) => request<{ items: Rule[] }>('PUT', '/rules/order', { ids }),
};

export const EVENTS: { type: RuleEvent['type']; label: string }[] = [
  { type: 'conversation_created', label: 'A new conversation starts' },
  { type: 'visitor_message', label: 'The visitor writes' },
  { type: 'waited', label: 'The visitor has waited longer than…' },
  { type: 'no_first_reply', label: 'No first reply within…' },
  { type: 'sla_warning', label: 'An SLA is about to be breached' },
  { type: 'sla_breached', label: 'An SLA is breached' },
  { type: 'mood_soured', label: 'The mood turns negative' },
];

export const FIELDS: { field: Condition['field']; label: string }[] = [
  { field: 'inbox', label: 'Inbox' },
  { field: 'team', label: 'Team' },
  { field: 'priority', label: 'Priority' },
  { field: 'attribute', label: 'Contact attribute' },
  { field: 'label', label: 'Label' },
  { field: 'page_url', label: 'Page URL' },
  { field: 'mood', label: 'Mood' },
  { field: 'hours', label: 'Business hours' },
];

export const ACTIONS: { type: RuleAction['type']; label: string }[] = [
  { type: 'set_priority', label: 'Set priority' },
  { type: 'add_label', label: 'Add label' },
  { type: 'assign_team', label: 'Assign to team' },
  { type: 'escalate', label: 'Escalate' },
  { type: 'notify_supervisors', label: 'Notify supervisors' },
];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
export const MOODS = ['negative', 'neutral', 'positive'];

export const OPS: Record<Condition['field'], { op: string; label: string }[]> = {
  inbox: [
    { op: 'is', label: 'is' },
    { op: 'is_not', label: 'is not' },
  ],
  team: [
    { op: 'is', label: 'is' },
    { op: 'is_not', label: 'is not' },
  ],
  priority: [
    { op: 'is', label: 'is' },
    { op: 'is_not', label: 'is not' },
  ],
  attribute: [
    { op: 'is', label: 'is' },
    { op: 'is_not', label: 'is not' },
    { op: 'contains', label: 'contains' },
    { op: 'set', label: 'is set' },
    { op: 'not_set', label: 'is not set' },
  ],
  label: [
    { op: 'has', label: 'has' },
    { op: 'has_not', label: 'has not' },
  ],
  page_url: [
    { op: 'contains', label: 'contains' },
    { op: 'starts_with', label: 'starts with' },
  ],
  mood: [
    { op: 'is', label: 'is' },
    { op: 'is_not', label: 'is not' },
  ],
  hours: [
    { op: 'open', label: 'team open now' },
    { op: 'closed', label: 'team closed now' },
  ],
};

export const eventLabel = (e: RuleEvent): string => {
  const base = EVENTS.find((x) => x.type === e.type)?.label ?? e.type;
  return 'minutes' in e ? `${base.replace('…', '')} ${e.minutes} min` : base;
};
