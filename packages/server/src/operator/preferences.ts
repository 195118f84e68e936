/** An operator's own preferences: today, how long they may be idle before they show as away. */
import { z } from 'zod';
import type { Context } from '../context.js';
import { authorize } from '../policy/policy.js';
import type { Operator } from './operator.js';
import { findAwayAfterMinutes, saveAwayAfterMinutes } from './preferences.repository.js';

export const DEFAULT_AWAY_AFTER_MINUTES = 10;

export const preferencesInput = z.object({
  awayAfterMinutes: z
    .number()
    .int('Enter whole minutes')
    .min(0, 'Enter 0 (never) or more minutes')
    .max(480, 'At most 480 minutes (8 hours)')
    .describe('Idle minutes (no input in any console tab) before you show as away; 0: never')
    .optional(),
});

export interface Preferences {
  awayAfterMinutes: number;
}

export async function preferencesOf(ctx: Context, operator: Pick<Operator, 'id' | 'workspaceId'>): Promise<Preferences> {
  return { awayAfterMinutes: (await findAwayAfterMinutes(ctx.db, operator.workspaceId, operator.id)) ?? DEFAULT_AWAY_AFTER_MINUTES };
}

/** Changes only what the input names; live connections on every node take the new idle time at once. */
export async function updatePreferences(ctx: Context, actor: Operator, input: z.infer<typeof preferencesInput>): Promise<Preferences> {
  authorize(actor, 'operator.update_own_preferences');
  if (input.awayAfterMinutes !== undefined) {
    await saveAwayAfterMinutes(ctx.db, actor.workspaceId, actor.id, input.awayAfterMinutes, ctx.now());
    ctx.events.emit({ type: 'operator.preferences_changed', workspaceId: actor.workspaceId, operatorId: actor.id, awayAfterMinutes: input.awayAfterMinutes });
  }
  return preferencesOf(ctx, actor);
}
