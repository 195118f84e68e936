/** The HTTP API of the supervision wall (GET /api/v1/wall). */
import type { ConversationSummary, PresenceStatus } from '@switchboard/protocol';
import { request } from '../api';

export interface WallOperator {
  id: string;
  name: string;
  status: PresenceStatus;
  open: number;
  capacity: number;
  onShift: boolean;
  shiftUntil: number | null;
}

export interface WallTeam {
  id: string;
  name: string;
  hours: { timeZone: string; open: boolean; nextChangeAt: number | null } | null;
  queue: { length: number; oldestQueuedAt: number | null };
  operators: WallOperator[];
  attention: ConversationSummary[];
}

export const wallApi = {
  wall: (teamId: string | null) => request<{ teams: WallTeam[] }>('GET', `/wall${teamId ? `?teamId=${encodeURIComponent(teamId)}` : ''}`),
};
