import { request } from '../api';

export interface SlaPolicy {
  id: string;
  name: string;
  firstResponseSeconds: number | null;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
  warnPercent: number;
  warnBeforeSeconds: number | null;
  businessHours: boolean;
}
export type SlaPolicyInput = Omit<SlaPolicy, 'id'>;

export const slaApi = {
  list: () => request<{ policies: SlaPolicy[] }>('GET', '/sla-policies'),
  create: (input: SlaPolicyInput) => request<SlaPolicy>('POST', '/sla-policies', input),
  update: (id: string, input: SlaPolicyInput) => request<SlaPolicy>('PUT', `/sla-policies/${id}`, input),
  remove: (id: string) => request<void>('DELETE', `/sla-policies/${id}`),
  choice: (holder: 'inboxes' | 'teams', id: string) => request<{ policyId: string | null }>('GET', `/${holder}/${id}/sla-policy`),
  choose: (holder: 'inboxes' | 'teams', id: string, policyId: string | null) =>
    request<{ policyId: string | null }>('PUT', `/${holder}/${id}/sla-policy`, { policyId }),
};
