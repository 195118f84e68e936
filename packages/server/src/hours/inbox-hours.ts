/**
 * The business hours that decide an inbox's widget: those of the inbox's
 * team (its default team). A widget outside them offers the offline form and
 * says when the team is back.
 */
import type { Db } from '../db/database.js';
import { findTeamHours } from './hours.repository.js';
import { hoursChange } from './schedule.js';

/** The team an inbox routes to (its default team), whose hours decide its widget. */
export async function inboxTeamId(db: Db, inbox: { id: string }): Promise<string | null> {
  const row = await db.selectFrom('inboxes').select('default_team_id').where('id', '=', inbox.id).executeTakeFirst();
  return row?.default_team_id ?? null;
}

export interface HoursLook {
  /** Outside the team's hours. */
  closed: boolean;
  /** Back at (closed), epoch ms; null: not within a year. */
  opensAt: number | null;
  timeZone: string;
  /** The answer holds until then (the next opening or closing); null: until the schedule changes. */
  until: number | null;
}

/** The hours of the inbox's team now; null when it has no team or the team has no hours (always open). */
export async function inboxHours(db: Db, inbox: { id: string; workspaceId: string }, now: number): Promise<HoursLook | null> {
  const teamId = await inboxTeamId(db, inbox);
  const h = teamId ? await findTeamHours(db, inbox.workspaceId, teamId) : undefined;
  if (!h) return null;
  const c = hoursChange(h, now);
  return { closed: !c.open, opensAt: c.open ? null : c.at, timeZone: h.timeZone, until: c.at };
}
