/**
 * The runMacro command: a macro's actions on one conversation, in order, as
 * the operator who runs it (each through its own command, so each leaves its
 * usual system event and is checked against the operator's permissions).
 * The first action that fails stops the run; the answer says which one, why,
 * and what was done before it. Nothing done is undone: a message sent stays
 * sent, as if the operator had done those steps by hand.
 */
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { getConversation } from '../conversation/conversation.service.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { humanError } from '../http/validation-messages.js';
import { macroAction } from './actions/index.js';
import type { RunResult } from './macro.js';
import { runnableMacro } from './macro.service.js';

export interface RunMacroProps {
  actor: Operator;
  conversationId: string;
  macroId: string;
}

export async function runMacro(ctx: Context, p: RunMacroProps): Promise<RunResult> {
  authorize(p.actor, 'macro.run');
  const macro = await runnableMacro(ctx, p.actor, p.macroId);
  // A conversation the operator cannot see answers 404 before anything runs.
  await getConversation(ctx, p.actor, p.conversationId);
  const done: RunResult['done'] = [];
  let failed: RunResult['failed'] = null;
  for (const [index, step] of macro.actions.entries()) {
    const action = macroAction(step.kind);
    try {
      if (!action) throw new AppError('bad_request', 'This kind of action is not available on this server');
      const input = action.input.safeParse(step.input, { error: humanError });
      if (!input.success) throw new AppError('bad_request', `The action is not valid any more: ${input.error.issues[0]?.message ?? 'edit the macro'}`);
      done.push({ index, kind: step.kind, summary: (await action.run(ctx, p.actor, p.conversationId, input.data)) ?? null });
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'server_error') ctx.log.error({ err, macroId: macro.id, index, kind: step.kind }, 'macro action failed');
      failed = { index, kind: step.kind, message: err instanceof AppError && err.code !== 'server_error' ? err.message : 'Something went wrong on our side' };
      break;
    }
  }
  return { done, failed, conversation: await getConversation(ctx, p.actor, p.conversationId) };
}
