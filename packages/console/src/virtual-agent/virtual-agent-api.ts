/** The virtual agent's settings per inbox (G5; owners and admins). */
import { request } from '../api';

export type VirtualAgentSettings = {
  enabled: boolean;
  name: string;
  maxTurns: number;
  threshold: number;
};

export type VirtualAgent = VirtualAgentSettings & { inboxId: string };

export const virtualAgentApi = {
  get: (inboxId: string) => request<VirtualAgent>('GET', `/inboxes/${inboxId}/virtual-agent`),
  set: (inboxId: string, s: VirtualAgentSettings) => request<VirtualAgent>('PUT', `/inboxes/${inboxId}/virtual-agent`, s),
};
