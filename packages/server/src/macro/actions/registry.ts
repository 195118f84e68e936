/**
 * The macro action registry: each kind of action a macro can hold is one
 * file that calls `registerMacroAction` with the schema of its input and
 * what running it does, and one import line in `actions/index.ts`. Saving a
 * macro checks every action's input against its kind's schema; running it
 * checks again (a kind may have changed since) and runs the actions in order.
 */
import { z } from 'zod';
import type { Context } from '../../context.js';
import type { Operator } from '../../operator/operator.js';

export interface MacroAction<S extends z.ZodType = z.ZodType> {
  /** The input the action takes, validated at the boundary (messages in words, as every field). */
  input: S;
  /**
   * Does the action on one conversation, through the command that does it
   * anywhere else (so it leaves its usual system event), as `actor`, with
   * their permissions. Throws an AppError to fail; returns a sentence that
   * says what was done, for the run's report ("Assigned to Ana").
   */
  run(ctx: Context, actor: Operator, conversationId: string, input: z.output<S>): Promise<string | undefined>;
}

const actions = new Map<string, MacroAction>();

export function registerMacroAction<S extends z.ZodType>(kind: string, action: MacroAction<S>): void {
  if (!/^[a-z][a-z0-9_]*$/.test(kind)) throw new Error(`Macro action kinds are snake_case: ${kind}`);
  if (actions.has(kind)) throw new Error(`Macro action ${kind} is registered twice`);
  actions.set(kind, action as unknown as MacroAction);
}

export function macroAction(kind: string): MacroAction | undefined {
  return actions.get(kind);
}

export function macroActionKinds(): string[] {
  return [...actions.keys()].sort();
}

/**
 * One action of a macro as the API takes it: `{ kind, input }`, one variant
 * per registered kind (so the API document lists them). Built when the
 * routes are, after every action file has registered its kind.
 */
export function macroActionSchema(): z.ZodType<{ kind: string; input: unknown }> {
  const variants = macroActionKinds().map((kind) => z.object({ kind: z.literal(kind), input: actions.get(kind)!.input }));
  if (variants.length === 0) throw new Error('No macro action is registered');
  const [first, ...rest] = variants;
  return rest.length ? z.discriminatedUnion('kind', [first!, ...rest]) : first!;
}

/** For tests that register throwaway kinds. */
export function unregisterMacroAction(kind: string): void {
  actions.delete(kind);
}
