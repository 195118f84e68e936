/** The HTTP API of business hours, shifts and the Team overview. */
import { request } from '../api';

export interface Interval {
  start: string;
  end: string;
}
export interface WeeklyInterval extends Interval {
  /** 1 Monday … 7 Sunday. */
  day: number;
}
export interface Holiday {
  date: string;
  name: string | null;
}
export interface ShiftException {
  date: string;
  off: boolean;
  intervals: Interval[];
}
export interface TeamHoursAnswer {
  hours: { timeZone: string; weekly: WeeklyInterval[]; holidays: Holiday[]; updatedAt: number } | null;
  open: boolean;
  nextChangeAt: number | null;
}
export interface ShiftsAnswer {
  shifts: { timeZone: string; weekly: WeeklyInterval[]; exceptions: ShiftException[]; updatedAt: number } | null;
  onShift: boolean;
  nextChangeAt: number | null;
}
export interface TeamOverviewItem {
  id: string;
  name: string;
  hours: { timeZone: string; open: boolean; nextChangeAt: number | null } | null;
  onShift: { operatorId: string; until: number | null }[];
  next: { operatorId: string; at: number }[];
}

export const hoursApi = {
  teamHours: (teamId: string) => request<TeamHoursAnswer>('GET', `/teams/${teamId}/hours`),
  setTeamHours: (teamId: string, body: { timeZone: string; weekly: WeeklyInterval[]; holidays: Holiday[] }) =>
    request<TeamHoursAnswer>('PUT', `/teams/${teamId}/hours`, { ...body }),
  clearTeamHours: (teamId: string) => request<void>('DELETE', `/teams/${teamId}/hours`),
  shifts: (operatorId: string) => request<ShiftsAnswer>('GET', `/operators/${operatorId}/shifts`),
  setShifts: (operatorId: string, body: { timeZone: string; weekly: WeeklyInterval[]; exceptions: ShiftException[] }) =>
    request<ShiftsAnswer>('PUT', `/operators/${operatorId}/shifts`, { ...body }),
  clearShifts: (operatorId: string) => request<void>('DELETE', `/operators/${operatorId}/shifts`),
  overview: () => request<{ teams: TeamOverviewItem[] }>('GET', '/team-overview'),
};

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The browser's own zone: what a new schedule starts with. */
export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** "Mon 09:00" style time of a moment in a zone, for "Open until …", "Back at …". */
export function whenIn(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(ms);
}
