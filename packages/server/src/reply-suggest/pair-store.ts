/**
 * Each workspace's earlier operator answers, in memory: built on first use
 * from the last stored text messages (bounded), then kept up to date as
 * operators answer (incremental). At most `maxWorkspaces` indexes are kept.
 * Replies stored through another node reach this one's index when it is
 * built again: after `ttlMs`, in the background, the old one answering
 * meanwhile.
 */
import type { Context } from '../context.js';
import { type AnswerPair, MAX_PAIRS, PairIndex, pairsOf } from './pair-index.js';

/** Stored messages read to build a workspace's pairs. */
const BUILD_MESSAGES = 20_000;
/** Pairs indexed between two turns of the event loop while building. */
const BUILD_SLICE = 50;
/** Messages before an operator reply looked at for its question. */
const QUESTION_LOOKBACK = 10;

type Row = { id: string; conversation_id: string; author_kind: string; body: string; seq: number };

export class PairStore {
  private readonly indexes = new Map<string, Promise<PairIndex>>();
  private readonly builtAt = new Map<string, number>();

  constructor(
    private readonly ctx: Pick<Context, 'db' | 'now'>,
    private readonly opts: { maxWorkspaces?: number; maxPairs?: number; ttlMs?: number } = {},
  ) {}

  async index(workspaceId: string): Promise<PairIndex> {
    const cached = this.indexes.get(workspaceId);
    const now = this.ctx.now();
    if (cached) {
      if (now - (this.builtAt.get(workspaceId) ?? now) >= (this.opts.ttlMs ?? 10 * 60_000)) this.rebuild(workspaceId, now);
      return cached;
    }
    const building = this.build(workspaceId);
    this.indexes.set(workspaceId, building);
    this.builtAt.set(workspaceId, now);
    building.catch(() => this.forget(workspaceId));
    const max = this.opts.maxWorkspaces ?? 100;
    if (this.indexes.size > max) this.forget(this.indexes.keys().next().value as string);
    return building;
  }

  /** An operator replied: the visitor's messages since the last operator reply, and this reply, become a pair (when the index is built). */
  async operatorReplied(workspaceId: string, reply: { id: string; conversationId: string; seq: number; body: string }): Promise<void> {
    const pending = this.indexes.get(workspaceId);
    if (!pending) return;
    const rows = await this.ctx.db
      .selectFrom('messages')
      .select(['id', 'conversation_id', 'author_kind', 'body', 'seq'])
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', reply.conversationId)
      .where('seq', '<', reply.seq)
      .where('kind', '=', 'text')
      .where('author_kind', 'in', ['visitor', 'operator'])
      .orderBy('seq', 'desc')
      .limit(QUESTION_LOOKBACK)
      .execute();
    const question: string[] = [];
    for (const r of rows) {
      if (r.author_kind !== 'visitor') break;
      question.unshift(r.body);
    }
    if (question.length === 0) return;
    (await pending).add({ id: reply.id, conversationId: reply.conversationId, question: question.join('\n'), answer: reply.body });
  }

  forget(workspaceId: string): void {
    this.indexes.delete(workspaceId);
    this.builtAt.delete(workspaceId);
  }

  /** The old index answers until the new one is ready. */
  private rebuild(workspaceId: string, now: number): void {
    this.builtAt.set(workspaceId, now);
    this.build(workspaceId)
      .then((index) => {
        if (this.indexes.has(workspaceId)) this.indexes.set(workspaceId, Promise.resolve(index));
      })
      .catch(() => {});
  }

  private async build(workspaceId: string): Promise<PairIndex> {
    const index = await PairIndex.create({ maxPairs: this.opts.maxPairs });
    const rows: Row[] = await this.ctx.db
      .selectFrom('messages')
      .select(['id', 'conversation_id', 'author_kind', 'body', 'seq'])
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', 'text')
      .where('author_kind', 'in', ['visitor', 'operator'])
      .orderBy('created_at', 'desc')
      .limit(BUILD_MESSAGES)
      .execute();
    // About 0.7 ms a pair: a slice at a time, so messages keep flowing while a large workspace builds.
    const pairs = pairsFromRows(rows).slice(-(this.opts.maxPairs ?? MAX_PAIRS));
    for (let i = 0; i < pairs.length; i++) {
      index.add(pairs[i]!);
      if (i % BUILD_SLICE === BUILD_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    return index;
  }
}

/** Rows of many conversations, any order: each conversation's pairs, oldest conversations' first. */
export function pairsFromRows(rows: readonly Row[]): AnswerPair[] {
  const byConversation = new Map<string, Row[]>();
  for (const r of [...rows].reverse()) {
    const list = byConversation.get(r.conversation_id) ?? [];
    list.push(r);
    byConversation.set(r.conversation_id, list);
  }
  return [...byConversation.values()].flatMap((list) =>
    pairsOf(
      list
        .sort((a, b) => a.seq - b.seq)
        .map((r) => ({
          id: r.id,
          conversationId: r.conversation_id,
          author: r.author_kind === 'visitor' ? ('visitor' as const) : ('operator' as const),
          body: r.body,
        })),
    ),
  );
}

const stores = new WeakMap<object, PairStore>();

/** The node's one store of earlier answers, shared by the subscriber and the routes. */
export function pairStoreOf(ctx: Pick<Context, 'db' | 'now'>): PairStore {
  let store = stores.get(ctx);
  if (!store) {
    store = new PairStore(ctx);
    stores.set(ctx, store);
  }
  return store;
}
