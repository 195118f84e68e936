/**
 * The working-time math an SLA target pays once when it starts (and the
 * console never): p50/p99 of the due time of a target counted in business
 * hours (weekdays 09:00–17:00 in Paris with holidays), for a 30-minute first
 * response and a 3-day resolution, from random moments of a year; and the
 * working time between two moments a week apart.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { WeeklySchedule } from '../packages/server/src/hours/weekly.js';
import { addWorkingMs, workingMsBetween } from '../packages/server/src/sla/working-time.js';
import { figure, percentile } from './support.js';

const RUNS = 20_000;
const schedule: WeeklySchedule = {
  timeZone: 'Europe/Paris',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
  closedDates: ['2027-01-01', '2027-04-05', '2027-05-01', '2027-07-14', '2027-12-25'],
  extra: [],
};
const start = Date.UTC(2027, 0, 1);
const YEAR = 365 * 86_400_000;

function measure(work: (t: number) => unknown): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = start + Math.floor(Math.random() * YEAR);
    const t0 = performance.now();
    work(t);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

console.log(`SLA working time (${RUNS} runs each; ${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(2)})`);
for (const [name, work] of [
  ['due of a 30 min target, business hours', (t: number) => addWorkingMs(schedule, t, 30 * 60_000)],
  ['due of a 3 day target, business hours', (t: number) => addWorkingMs(schedule, t, 3 * 86_400_000)],
  ['working time over a week', (t: number) => workingMsBetween(schedule, t, t + 7 * 86_400_000)],
] as const) {
  const ms = measure(work);
  figure(name, `p50 ${percentile(ms, 50).toFixed(3)} ms, p99 ${percentile(ms, 99).toFixed(3)} ms`, 'p99 < 1 ms', percentile(ms, 99) < 1);
}
