/**
 * Evaluates a workspace's rules when something happens to a conversation:
 * the enabled rules compiled once per workspace and cached (dropped on every
 * change, on every node, through pub/sub), the conversation's facts loaded
 * once, the matching rules' actions run in order. Each run is recorded
 * (rule_runs): ok, or failed with the reason. Nothing here throws to its
 * caller: a rule that cannot apply is a failed run, never a crash.
 */
import type { Context } from '../context.js';
import { findConversation } from '../conversation/conversation.repository.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import { type Notify, runAction } from './actions.js';
import { type CompiledRules, compileRules, matching } from './compile.js';
import { loadFacts } from './facts.js';
import type { Rule, Trigger } from './rule.js';
import { insertRun, listRuleRows, ranSince, toRule } from './rule.repository.js';
import { triggerKey } from './rule.js';

const CHANNEL = 'rules:changed';

export interface RunOutcome {
  ruleId: string;
  outcome: 'ok' | 'failed';
  reason: string | null;
}

export class RulesEngine {
  private readonly cache = new Map<string, Promise<CompiledRules>>();
  /** Runs on one conversation happen one after the other (a new conversation and its first message). */
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ctx: Context,
    private readonly notify: Notify,
  ) {}

  /** Listens for changes made on other nodes. */
  async start(): Promise<void> {
    await this.ctx.pubsub.subscribe(CHANNEL, (_channel, workspaceId) => this.cache.delete(workspaceId));
  }

  /** The workspace's rules changed: every node compiles them again on next use. */
  async changed(workspaceId: string): Promise<void> {
    this.cache.delete(workspaceId);
    await this.ctx.pubsub.publish(CHANNEL, workspaceId);
  }

  compiled(workspaceId: string): Promise<CompiledRules> {
    let c = this.cache.get(workspaceId);
    if (!c) {
      c = listRuleRows(this.ctx.db, workspaceId).then((rows) => compileRules(rows.map(toRule)));
      c.catch(() => this.cache.delete(workspaceId));
      this.cache.set(workspaceId, c);
    }
    return c;
  }

  /**
   * Runs the rules the trigger fires on the conversation, in order. `notSince`: skip rules that already ran
   * on it since then (a time event seen twice for one wait).
   */
  fire(workspaceId: string, conversationId: string, trigger: Trigger, notSince?: number): Promise<RunOutcome[]> {
    const before = this.chains.get(conversationId) ?? Promise.resolve();
    const next = before.then(() => this.fireNow(workspaceId, conversationId, trigger, notSince));
    const tail = next.catch(() => undefined);
    this.chains.set(conversationId, tail);
    void tail.then(() => {
      if (this.chains.get(conversationId) === tail) this.chains.delete(conversationId);
    });
    return next;
  }

  private async fireNow(workspaceId: string, conversationId: string, trigger: Trigger, notSince?: number): Promise<RunOutcome[]> {
    const compiled = await this.compiled(workspaceId);
    const key = triggerKey(trigger);
    if (!compiled.byTrigger.has(key)) return [];
    const row = await findConversation(this.ctx.db, workspaceId, conversationId);
    if (!row || row.merged_into) return [];
    const facts = await loadFacts(this.ctx, row, compiled.needs.get(key) ?? { attributes: false, page: false, hours: false });
    let rules = matching(compiled, trigger, facts);
    if (notSince !== undefined && rules.length > 0) {
      const ran = await ranSince(
        this.ctx.db,
        conversationId,
        rules.map((r) => r.id),
        notSince,
      );
      rules = rules.filter((r) => !ran.has(r.id));
    }
    const out: RunOutcome[] = [];
    for (const rule of rules) out.push(await this.run(rule, conversationId));
    return out;
  }

  private async run(rule: Rule, conversationId: string): Promise<RunOutcome> {
    let reason: string | null = null;
    for (const action of rule.actions) {
      try {
        await runAction(this.ctx, rule, conversationId, action, this.notify);
      } catch (err) {
        if (!(err instanceof AppError)) this.ctx.log.error({ err, ruleId: rule.id, action: action.type }, 'rule action failed');
        reason = `${actionName[action.type]}: ${err instanceof AppError ? err.message : 'unexpected error'}`;
        break;
      }
    }
    const outcome = reason ? 'failed' : 'ok';
    try {
      await insertRun(this.ctx.db, {
        id: newId(),
        workspace_id: rule.workspaceId,
        rule_id: rule.id,
        conversation_id: conversationId,
        outcome,
        reason,
        at: this.ctx.now(),
      });
    } catch (err) {
      // The rule was deleted while it ran: nothing to report it on.
      this.ctx.log.warn({ err, ruleId: rule.id }, 'rule run not recorded');
    }
    return { ruleId: rule.id, outcome, reason };
  }
}

const actionName: Record<Rule['actions'][number]['type'], string> = {
  set_priority: 'Set priority',
  add_label: 'Add label',
  assign_team: 'Assign to team',
  escalate: 'Escalate',
  notify_supervisors: 'Notify supervisors',
};
