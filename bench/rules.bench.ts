/**
 * Workspace rules as an event sees them: 200 rules in one workspace, all
 * waiting for the same event (the worst case: every one is looked at), with
 * conditions on the inbox, team, priority, contact attributes, labels, the
 * page and the team's hours, none of them holding (so no action runs and
 * what is measured is the evaluation).
 * 1. Matching alone (the compiled rules against the conversation's facts):
 *    p50 / p99 per event. Goal: p99 under 1 ms.
 * 2. The whole evaluation of one event on SQLite (the cached compiled rules,
 *    the conversation's facts read, matching): p50 / p99.
 * 3. Compiling the 200 rules (what the first event after a change pays).
 * Run: npx tsx bench/rules.bench.ts   (or npm run bench rules)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, loadConfig } from '../packages/server/src/index.js';
import { newId } from '../packages/server/src/ids.js';
import { compileRules, matching } from '../packages/server/src/rules/compile.js';
import { loadFacts } from '../packages/server/src/rules/facts.js';
import type { Condition, Rule } from '../packages/server/src/rules/rule.js';
import { createWorkspace } from '../packages/server/src/workspace/workspace.service.js';
import { figure, percentile } from './support.js';

const RULES = 200;
const EVENTS = 5000;

const dir = mkdtempSync(join(tmpdir(), 'sb-rules-bench-'));
const app = await createApp({ config: loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, LOG_LEVEL: 'silent' }) });
const ctx = app.ctx;
const ws = await createWorkspace(ctx, {
  name: 'Bench',
  ownerEmail: 'bench@example.com',
  ownerName: 'Bench',
  ownerPassword: 'bench-password-9',
  inboxName: 'Web',
});
const inbox = (await ctx.db.selectFrom('inboxes').select('id').where('workspace_id', '=', ws.workspaceId).executeTakeFirstOrThrow()).id;
const now = Date.now();
const teamId = newId();
await ctx.db.insertInto('teams').values({ id: teamId, workspace_id: ws.workspaceId, name: 'Support', created_at: now, updated_at: now }).execute();
const contactId = newId();
await ctx.db
  .insertInto('contacts')
  .values({
    id: contactId,
    workspace_id: ws.workspaceId,
    name: 'Vera',
    created_at: now,
    updated_at: now,
    attributes: JSON.stringify({ vip: false, plan: 'Gold', seats: 12 }),
  } as never)
  .execute();

// The conditions of rule i: a mix of every kind, one of them never holding.
function conditionsOf(i: number): Condition[] {
  const never: Condition[] = [
    { field: 'attribute', key: 'vip', op: 'is', value: true },
    { field: 'page_url', op: 'contains', value: `/nowhere-${i}` },
    { field: 'priority', op: 'is', priority: 'urgent' },
    { field: 'label', op: 'has', labelId: `label-${i}` },
    { field: 'inbox', op: 'is', inboxId: `inbox-${i}` },
  ];
  return [
    { field: 'team', op: 'is', teamId },
    { field: 'hours', op: 'open' },
    { field: 'attribute', key: 'plan', op: 'is', value: 'gold' },
    never[i % never.length]!,
  ];
}
const rules: Rule[] = [];
for (let i = 0; i < RULES; i++) {
  const rule: Rule = {
    id: newId(),
    workspaceId: ws.workspaceId,
    name: `Rule ${i}`,
    position: i,
    enabled: true,
    event: { type: 'visitor_message' },
    conditions: conditionsOf(i),
    actions: [{ type: 'set_priority', priority: 'urgent' }],
  };
  rules.push(rule);
  await ctx.db
    .insertInto('rules')
    .values({
      id: rule.id,
      workspace_id: rule.workspaceId,
      name: rule.name,
      position: i,
      enabled: 1,
      event: JSON.stringify(rule.event),
      conditions: JSON.stringify(rule.conditions),
      actions: JSON.stringify(rule.actions),
      created_at: now,
      updated_at: now,
    })
    .execute();
}
const visitorId = newId();
await ctx.db
  .insertInto('visitors')
  .values({
    id: visitorId,
    workspace_id: ws.workspaceId,
    inbox_id: inbox,
    token_hash: `bench-${visitorId}`,
    contact_id: contactId,
    page_url: 'https://shop.example.com/checkout',
    created_at: now,
    last_seen_at: now,
  } as never)
  .execute();
const conversationId = newId();
await ctx.db
  .insertInto('conversations')
  .values({
    id: conversationId,
    workspace_id: ws.workspaceId,
    inbox_id: inbox,
    visitor_id: visitorId,
    contact_id: contactId,
    status: 'open',
    team_id: teamId,
    labels: '[]',
    created_at: now,
    updated_at: now,
  } as never)
  .execute();

const compileTimes: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  compileRules(rules);
  compileTimes.push(performance.now() - t);
}
const compiled = compileRules(rules);
const row = (await ctx.db.selectFrom('conversations').selectAll().where('id', '=', conversationId).executeTakeFirstOrThrow())!;
const facts = await loadFacts(ctx, row, compiled.needs.get('visitor_message')!);
const match: number[] = [];
const whole: number[] = [];
for (let i = 0; i < EVENTS + 500; i++) {
  let t = performance.now();
  const m = matching(compiled, { type: 'visitor_message' }, facts);
  const a = performance.now() - t;
  if (m.length !== 0) throw new Error('a rule matched');
  t = performance.now();
  const out = await app.rules.fire(ws.workspaceId, conversationId, { type: 'visitor_message' });
  const b = performance.now() - t;
  if (out.length !== 0) throw new Error('a rule ran');
  if (i >= 500) {
    match.push(a);
    whole.push(b);
  }
}
for (const l of [compileTimes, match, whole]) l.sort((x, y) => x - y);
console.log(`rules: ${RULES} rules on one event, 4 conditions each (team, hours, two attributes or page, label, inbox, priority), ${EVENTS} events`);
figure('matching 200 rules, p50', `${percentile(match, 50).toFixed(4)} ms`, '', null);
figure('matching 200 rules, p99', `${percentile(match, 99).toFixed(4)} ms`, 'under 1 ms per event', percentile(match, 99) < 1);
figure('whole evaluation on SQLite (facts read), p50', `${percentile(whole, 50).toFixed(3)} ms`, '', null);
figure('whole evaluation on SQLite (facts read), p99', `${percentile(whole, 99).toFixed(3)} ms`, 'off the send path', null);
figure('compiling 200 rules, p50 / p99', `${percentile(compileTimes, 50).toFixed(3)} / ${percentile(compileTimes, 99).toFixed(3)} ms`, '', null);
figure('load average while measuring', loadavg()[0]!.toFixed(2), `${availableParallelism()} cores`, null);
await app.close();
rmSync(dir, { recursive: true, force: true });
