/**
 * Rules compiled for evaluation: each condition becomes a closure over the
 * conversation's facts, and a workspace's rules are indexed by trigger, so an
 * event looks only at the rules it can fire, in their order. Pure: no I/O.
 */
import { type Condition, type Rule, type Trigger, triggerKey } from './rule.js';

/** What rules know of a conversation when an event happens (facts.ts loads them). */
export interface Facts {
  inboxId: string;
  teamId: string | null;
  priority: string;
  /** The contact's attributes by key ({} without a contact). */
  attributes: Record<string, unknown>;
  labels: ReadonlySet<string>;
  /** The visitor's current page, null when unknown. */
  pageUrl: string | null;
  mood: string | null;
  /** Whether the conversation's team is within its business hours now; only loaded when a rule asks. */
  teamOpen: boolean | null;
}

/** What a set of rules needs loaded beyond the conversation row. */
export interface Needs {
  attributes: boolean;
  page: boolean;
  hours: boolean;
}

export interface CompiledRule {
  rule: Rule;
  test: (f: Facts) => boolean;
}

export interface CompiledRules {
  byTrigger: Map<string, CompiledRule[]>;
  needs: Map<string, Needs>;
  /** The minutes of the time events rules wait for: jobs are scheduled for these. */
  waitedMinutes: number[];
  firstReplyMinutes: number[];
}

const lower = (v: unknown): string => String(v).toLowerCase();

/** Typed equality: booleans and numbers compare as such ("true" is true), text without regard to case. */
function same(stored: unknown, wanted: unknown): boolean {
  if (typeof stored === 'boolean' || typeof wanted === 'boolean') return lower(stored) === lower(wanted);
  if (typeof stored === 'number' || typeof wanted === 'number') return Number(stored) === Number(wanted);
  if (Array.isArray(stored)) return stored.some((s) => lower(s) === lower(wanted));
  return lower(stored) === lower(wanted);
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

export function compileCondition(c: Condition): (f: Facts) => boolean {
  const neg = (test: (f: Facts) => boolean, not: boolean) => (not ? (f: Facts) => !test(f) : test);
  switch (c.field) {
    case 'inbox':
      return neg((f) => f.inboxId === c.inboxId, c.op === 'is_not');
    case 'team':
      return neg((f) => f.teamId === c.teamId, c.op === 'is_not');
    case 'priority':
      return neg((f) => f.priority === c.priority, c.op === 'is_not');
    case 'mood':
      return neg((f) => f.mood === c.mood, c.op === 'is_not');
    case 'label':
      return neg((f) => f.labels.has(c.labelId), c.op === 'has_not');
    case 'hours':
      return (f) => f.teamOpen === (c.op === 'open');
    case 'page_url': {
      const v = c.value.toLowerCase();
      if (c.op === 'contains') return (f) => !!f.pageUrl?.toLowerCase().includes(v);
      return (f) => !!f.pageUrl?.toLowerCase().startsWith(v);
    }
    case 'attribute': {
      const get = (f: Facts) => f.attributes[c.key];
      if (c.op === 'set') return (f) => present(get(f));
      if (c.op === 'not_set') return (f) => !present(get(f));
      if (c.op === 'contains') return (f) => present(get(f)) && lower(get(f)).includes(lower(c.value ?? ''));
      return neg((f) => present(get(f)) && same(get(f), c.value), c.op === 'is_not');
    }
  }
}

export function compileRule(rule: Rule): CompiledRule {
  const tests = rule.conditions.map(compileCondition);
  return { rule, test: (f) => tests.every((t) => t(f)) };
}

/** The enabled rules of a workspace (in order), indexed by trigger. */
export function compileRules(rules: Rule[]): CompiledRules {
  const byTrigger = new Map<string, CompiledRule[]>();
  const needs = new Map<string, Needs>();
  const waited = new Set<number>();
  const firstReply = new Set<number>();
  for (const rule of [...rules].sort((a, b) => a.position - b.position)) {
    if (!rule.enabled) continue;
    const key = triggerKey(rule.event);
    byTrigger.set(key, [...(byTrigger.get(key) ?? []), compileRule(rule)]);
    const n = needs.get(key) ?? { attributes: false, page: false, hours: false };
    for (const c of rule.conditions) {
      if (c.field === 'attribute') n.attributes = true;
      if (c.field === 'page_url') n.page = true;
      if (c.field === 'hours') n.hours = true;
    }
    needs.set(key, n);
    if (rule.event.type === 'waited') waited.add(rule.event.minutes);
    if (rule.event.type === 'no_first_reply') firstReply.add(rule.event.minutes);
  }
  return { byTrigger, needs, waitedMinutes: [...waited], firstReplyMinutes: [...firstReply] };
}

/** The rules a trigger fires on these facts, in order. */
export function matching(compiled: CompiledRules, trigger: Trigger, facts: Facts): Rule[] {
  const out: Rule[] = [];
  for (const c of compiled.byTrigger.get(triggerKey(trigger)) ?? []) if (c.test(facts)) out.push(c.rule);
  return out;
}
