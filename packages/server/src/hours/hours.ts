/**
 * Business hours of a team and shifts of an operator: the domain types, what
 * the API takes (zod; the rules that span fields are in check.ts) and answers.
 */
import { z } from 'zod';
import type { WeeklyInterval, WeeklySchedule } from './weekly.js';

export interface Holiday {
  date: string;
  name: string | null;
}

export interface TeamHours {
  teamId: string;
  workspaceId: string;
  timeZone: string;
  weekly: WeeklyInterval[];
  holidays: Holiday[];
  updatedAt: number;
}

/** A date off (`off`: the week's intervals do not happen), and intervals worked on it besides. */
export interface ShiftException {
  date: string;
  off: boolean;
  intervals: { start: string; end: string }[];
}

export interface OperatorShifts {
  operatorId: string;
  workspaceId: string;
  timeZone: string;
  weekly: WeeklyInterval[];
  exceptions: ShiftException[];
  updatedAt: number;
}

export const hoursSchedule = (h: Pick<TeamHours, 'timeZone' | 'weekly' | 'holidays'>): WeeklySchedule => ({
  timeZone: h.timeZone,
  weekly: h.weekly,
  closedDates: h.holidays.map((x) => x.date),
  extra: [],
});

export const shiftSchedule = (s: Pick<OperatorShifts, 'timeZone' | 'weekly' | 'exceptions'>): WeeklySchedule => ({
  timeZone: s.timeZone,
  weekly: s.weekly,
  closedDates: s.exceptions.filter((e) => e.off).map((e) => e.date),
  extra: s.exceptions.flatMap((e) => e.intervals.map((i) => ({ ...i, date: e.date }))),
});

const time = z.string().max(5).describe('HH:MM, 00:00 to 24:00 (24:00: midnight at the end of the day)');
const date = z.string().max(10).describe('YYYY-MM-DD in the schedule’s time zone');
const interval = z.object({ start: time, end: time });
const weekly = z
  .array(interval.extend({ day: z.number().int().min(1).max(7).describe('1 Monday … 7 Sunday') }))
  .max(100, 'At most 100 intervals a week')
  .describe('Intervals within a day; an overnight stretch is two (22:00–24:00, then 00:00–06:00 the next day)');
const timeZone = z.string().min(1).max(64).describe('An IANA time zone, such as Europe/Paris');

export const teamHoursInput = z.object({
  timeZone,
  weekly,
  holidays: z
    .array(z.object({ date, name: z.string().trim().max(100).nullable().default(null) }))
    .max(366, 'At most 366 holidays')
    .default([]),
});

export const operatorShiftsInput = z.object({
  timeZone,
  weekly,
  exceptions: z
    .array(z.object({ date, off: z.boolean().default(false), intervals: z.array(interval).max(10).default([]) }))
    .max(366, 'At most 366 exceptions')
    .default([]),
});

export type TeamHoursInput = z.infer<typeof teamHoursInput>;
export type OperatorShiftsInput = z.infer<typeof operatorShiftsInput>;

const state = {
  open: z.boolean(),
  nextChangeAt: z.number().nullable().describe('When that changes next (epoch ms); null: not within a year'),
};

export const teamHoursSchema = z.object({
  hours: teamHoursInput.extend({ updatedAt: z.number() }).nullable().describe('null: no hours, always open'),
  ...state,
});

export const operatorShiftsSchema = z.object({
  shifts: operatorShiftsInput.extend({ updatedAt: z.number() }).nullable().describe('null: no schedule, always on shift'),
  onShift: z.boolean(),
  nextChangeAt: state.nextChangeAt,
});

export const teamOverviewSchema = z.object({
  teams: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      hours: z
        .object({ timeZone: z.string(), ...state })
        .nullable()
        .describe('null: no hours, always open'),
      onShift: z.array(z.object({ operatorId: z.string(), until: z.number().nullable() })).describe('Members on shift now, and until when'),
      next: z.array(z.object({ operatorId: z.string(), at: z.number() })).describe('Members off shift, by their next shift start'),
    }),
  ),
});
