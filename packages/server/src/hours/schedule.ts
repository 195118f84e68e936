/**
 * STUB: business hours and shifts belong to the hours feature, which replaces
 * this file with the real schedule (same signatures). Until then every
 * operator is on shift and every team is open.
 */
import type { Db } from '../db/database.js';

/** Which of these operators are off shift right now (an operator with no schedule is always on shift). */
export async function offShiftOperatorIds(_db: Db, _workspaceId: string, _operatorIds: string[], _now: number): Promise<Set<string>> {
  return new Set();
}

/** The team is inside its business hours (no hours set: always open; no team: open). */
export async function teamIsOpen(_db: Db, _workspaceId: string, _teamId: string | null, _now: number): Promise<boolean> {
  return true;
}
