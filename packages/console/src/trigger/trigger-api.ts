/** Proactive triggers per inbox (E1): supervisors read them and their figures, owners and admins change them. */
import type { TriggerConditions, TriggerFrequency, TriggerMessages, TriggerOnlyWhen, TriggerSender } from '@switchboard/protocol';
import { request } from '../api';

export type TriggerSettings = {
  name: string;
  enabled: boolean;
  conditions: TriggerConditions;
  messages: TriggerMessages;
  sender: TriggerSender;
  delaySeconds: number;
  frequency: TriggerFrequency;
  onlyWhen: TriggerOnlyWhen;
};

export interface VariantStats {
  shown: number;
  replied: number;
  replyRate: number | null;
  purchases: number;
  revenue: { currency: string; valueMinor: number }[];
}

export interface TriggerStats extends VariantStats {
  variants: { a: VariantStats; b: VariantStats | null };
  winner: { variant: 'a' | 'b' | null; metric: 'reply_rate' | 'conversion' | null; z: number | null; reason: string };
}

export type Trigger = TriggerSettings & { id: string; inboxId: string; position: number; stats: TriggerStats };

export const triggerApi = {
  list: (inboxId: string) => request<{ items: Trigger[] }>('GET', `/inboxes/${inboxId}/triggers`),
  create: (inboxId: string, t: TriggerSettings) => request<Trigger>('POST', `/inboxes/${inboxId}/triggers`, t),
  update: (id: string, t: Partial<TriggerSettings> & { position?: number }) => request<Trigger>('PATCH', `/triggers/${id}`, t),
  remove: (id: string) => request<void>('DELETE', `/triggers/${id}`),
};
