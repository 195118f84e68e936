/**
 * Transfer, escalation and take over as commands on every storage backend
 * (SQLite and PostgreSQL): the move, its system line and the escalation
 * history in one transaction, a rule as the actor, the handoff note and the
 * whisper as private notes of their kind with their notifications.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import type { Context } from '../src/context.js';
import { startConversation } from '../src/conversation/start-conversation.js';
import { escalateConversation } from '../src/escalation/escalate-conversation.js';
import { listEscalations, saveTier2TeamId } from '../src/escalation/escalation.repository.js';
import { takeOver, whisper } from '../src/escalation/supervise.js';
import { transferConversation } from '../src/escalation/transfer-conversation.js';
import type { EventOf } from '../src/events/events.js';
import type { Operator } from '../src/operator/operator.js';
import { insertNewOperator } from '../src/operator/operator.service.js';
import { addMember, insertTeam } from '../src/team/team.repository.js';
import { ROUTING_DEFAULTS } from '../src/routing/team-routing.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';

for (const backend of BACKENDS.filter((b) => b.fastPath || b.name === 'postgres')) {
  describe(`transfer and escalation on ${backend.name}`, () => {
    let ctx: Context;
    let cleanup: () => Promise<void>;
    let owner: Operator;
    let bea: Operator;
    let sam: Operator;
    let websiteKey: string;
    let tier2: string;
    const notes: EventOf<'note.created'>[] = [];
    const escalated: EventOf<'conversation.escalated'>[] = [];

    beforeAll(async () => {
      const opened = await backend.open();
      cleanup = opened.cleanup;
      ({ ctx } = await contextOn(opened.handle, mkdtempSync(join(tmpdir(), 'sb-escalation-'))));
      let t = Date.UTC(2026, 0, 5, 9);
      ctx.now = () => (t += 1);
      const ws = await createWorkspace(ctx, {
        name: 'A',
        ownerEmail: 'owner@a.test',
        ownerName: 'Olga Owner',
        ownerPassword: 'pw-a-long-enough',
        inboxName: 'A',
      });
      owner = ws.owner;
      websiteKey = ws.inbox.websiteKey;
      bea = (await insertNewOperator(ctx, ws.workspaceId, { email: 'bea@a.test', name: 'Bea Bauer', role: 'operator' })).operator;
      sam = (await insertNewOperator(ctx, ws.workspaceId, { email: 'sam@a.test', name: 'Sam Sup', role: 'supervisor' })).operator;
      tier2 = 'team-tier2';
      await insertTeam(ctx.db, {
        id: tier2,
        workspace_id: ws.workspaceId,
        name: 'Tier 2',
        created_at: 1,
        updated_at: 1,
        ...ROUTING_DEFAULTS,
        sla_policy_id: null,
      });
      await addMember(ctx.db, { team_id: tier2, operator_id: sam.id, workspace_id: ws.workspaceId, created_at: 1 });
      await saveTier2TeamId(ctx.db, ws.workspaceId, tier2, ctx.now());
      ctx.events.on('note.created', (e) => void notes.push(e));
      ctx.events.on('conversation.escalated', (e) => void escalated.push(e));
    });
    afterAll(async () => {
      await ctx?.db.destroy();
      await cleanup?.();
    });

    async function conversation(): Promise<string> {
      const { visitor } = await startWidgetSession(ctx, { websiteKey });
      return (await startConversation(ctx.db, { workspaceId: owner.workspaceId, inboxId: visitor.inboxId, visitorId: visitor.id, now: ctx.now() })).id;
    }
    const row = (id: string) => ctx.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('transfers to an operator with a handoff note that notifies them', async () => {
      const id = await conversation();
      const r = await transferConversation(ctx, { actor: owner, conversationId: id, to: { operatorId: bea.id }, note: 'VIP, be gentle' });
      expect(r.message?.body).toBe('Transferred to Bea Bauer by Olga Owner');
      expect((await row(id)).assignee_id).toBe(bea.id);
      expect(notes.at(-1)).toMatchObject({
        note: { kind: 'handoff', toOperatorId: bea.id, body: 'VIP, be gentle' },
        mentioned: [{ operatorId: bea.id, unseen: 1 }],
      });
    });

    it('escalates by a rule to the head of the tier-2 queue, recorded with the move', async () => {
      const id = await conversation();
      await escalateConversation(ctx, {
        actor: { kind: 'rule', id: 'r1', name: 'VIP', workspaceId: owner.workspaceId },
        conversationId: id,
        reason: 'VIP contact',
      });
      const r = await row(id);
      expect([r.team_id, r.assignee_id, Number(r.requeued)]).toEqual([tier2, null, 1]);
      expect((await listEscalations(ctx.db, owner.workspaceId, id)).map((e) => [e.by_kind, e.by_name, e.to_team_id, e.reason])).toEqual([
        ['rule', 'VIP', tier2, 'VIP contact'],
      ]);
      expect(escalated.at(-1)).toMatchObject({ conversationId: id, teamId: tier2, by: { kind: 'rule', name: 'VIP' } });
    });

    it('lets a supervisor whisper to the assignee and take over; an operator neither', async () => {
      const id = await conversation();
      await transferConversation(ctx, { actor: owner, conversationId: id, to: { teamId: tier2 } });
      await transferConversation(ctx, { actor: owner, conversationId: id, to: { operatorId: bea.id } });
      const w = await whisper(ctx, { actor: sam, conversationId: id, body: 'Offer a voucher' });
      expect(w.note).toMatchObject({ kind: 'whisper', toOperatorId: bea.id });
      await expect(whisper(ctx, { actor: bea, conversationId: id, body: 'x' })).rejects.toMatchObject({ status: 403 });
      await expect(takeOver(ctx, { actor: bea, conversationId: id })).rejects.toMatchObject({ status: 403 });
      expect((await takeOver(ctx, { actor: sam, conversationId: id })).message?.body).toBe('Taken over by Sam Sup');
      expect((await row(id)).assignee_id).toBe(sam.id);
    });
  });
}
