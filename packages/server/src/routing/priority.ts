/**
 * A conversation's priority (B3): stored as a number so the queue's index
 * orders it (0 comes first), spoken as a word everywhere else.
 */
import type { Priority } from '@switchboard/protocol';

export const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

export const NORMAL = 2;

export const priorityRank = (p: Priority): number => PRIORITIES.indexOf(p);

export const priorityOf = (rank: number): Priority => PRIORITIES[Number(rank)] ?? 'normal';
