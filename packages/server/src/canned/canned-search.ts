/**
 * Canned response search: an in-memory index per workspace (term-index.ts,
 * on MiniSearch's term dictionary), with the workspace's team memberships
 * beside it, so a search touches no storage.
 *
 * Kept right on every node: a change forgets the workspace here at once and
 * is announced on pub/sub, where every node forgets it too; the next search
 * builds it again. An index also lives at most `ttlMs`, so a missed
 * announcement (a Redis reconnect) heals by itself, and at most
 * `maxWorkspaces` indexes are kept (the least recently searched go first).
 */
import SearchableMap from 'minisearch/SearchableMap';
import type { Context } from '../context.js';
import type { Operator } from '../operator/operator.js';
import { allMemberships } from '../team/team.repository.js';
import type { CannedResponse } from './canned.js';
import { canSee, precedence, type Viewer } from './canned-access.js';
import type { CannedChanges } from './canned-changes.js';
import { allCanned, toCanned } from './canned.repository.js';
import { TermIndex } from './term-index.js';

const CHANNEL = 'canned.changed';

interface Entry {
  builtAt: number;
  index: TermIndex<CannedResponse>;
  byId: Map<string, CannedResponse>;
  /** Every response of a shortcut, the one that wins first (see `precedence`). */
  byShortcut: Map<string, CannedResponse[]>;
  /** All responses by shortcut, for the listing of an empty query. */
  sorted: CannedResponse[];
  /** Shortcuts in a radix tree, for the prefix matches that rank first. */
  shortcuts: SearchableMap<CannedResponse[]>;
  teamsOf: Map<string, Set<string>>;
}

export function buildEntry(responses: CannedResponse[], memberships: { team_id: string; operator_id: string }[], builtAt: number): Entry {
  // `return-policy` is found by `return` and by `policy` (the tokens are words and numbers).
  const index = new TermIndex(responses, [
    { get: (r) => r.shortcut, boost: 4 },
    { get: (r) => r.title, boost: 2 },
    { get: (r) => r.body, boost: 1 },
  ]);
  const byShortcut = new Map<string, CannedResponse[]>();
  for (const r of responses) byShortcut.set(r.shortcut, [...(byShortcut.get(r.shortcut) ?? []), r]);
  for (const list of byShortcut.values()) list.sort(precedence);
  const teamsOf = new Map<string, Set<string>>();
  for (const m of memberships) teamsOf.set(m.operator_id, (teamsOf.get(m.operator_id) ?? new Set()).add(m.team_id));
  const sorted = [...responses].sort((a, b) => (a.shortcut < b.shortcut ? -1 : a.shortcut > b.shortcut ? 1 : precedence(a, b)));
  const shortcuts = new SearchableMap<CannedResponse[]>();
  for (const [shortcut, list] of byShortcut) shortcuts.set(shortcut, list);
  return { builtAt, index, byId: new Map(responses.map((r) => [r.id, r])), byShortcut, sorted, shortcuts, teamsOf };
}

/** Whether `r` is what this viewer gets for its shortcut: they see it, and nothing closer of theirs has the same shortcut. */
function offered(e: Entry, v: Viewer, r: CannedResponse): boolean {
  if (!canSee(v, r)) return false;
  return e.byShortcut.get(r.shortcut)?.find((x) => canSee(v, x)) === r;
}

/**
 * The best matches a viewer may use, ranked: shortcuts that start with the
 * query first (shorter first), then the matches in the shortcut, title and
 * body, typos forgiven. An empty query lists them by shortcut.
 */
export function searchEntry(e: Entry, v: Viewer, query: string, limit: number): CannedResponse[] {
  const q = query.trim().toLowerCase().replace(/^\/+/, '');
  const out: CannedResponse[] = [];
  const taken = new Set<string>();
  const take = (r: CannedResponse) => {
    if (out.length < limit && !taken.has(r.id) && offered(e, v, r)) {
      out.push(r);
      taken.add(r.id);
    }
  };
  if (!/\s/.test(q)) {
    const prefixed = q ? [...e.shortcuts.atPrefix(q).values()].flat().sort((a, b) => a.shortcut.length - b.shortcut.length) : e.sorted;
    for (const r of prefixed) {
      take(r);
      if (out.length >= limit) return out;
    }
  }
  if (!q) return out;
  for (const r of e.index.search(q, limit - out.length, (r) => !taken.has(r.id) && offered(e, v, r))) take(r);
  return out;
}

export class CannedSearch implements CannedChanges {
  private readonly entries = new Map<string, { promise: Promise<Entry>; builtAt: number }>();
  private readonly generations = new Map<string, number>();
  private unsubscribe: (() => Promise<void>) | null = null;

  constructor(
    private readonly ctx: Context,
    private readonly opts: { ttlMs?: number; maxWorkspaces?: number } = {},
  ) {}

  /** Listens for changes made on other nodes (and on this one, through the same channel). */
  async start(): Promise<void> {
    this.unsubscribe = await this.ctx.pubsub.subscribe(CHANNEL, (_channel, workspaceId) => this.forget(workspaceId));
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
    this.unsubscribe = null;
    this.entries.clear();
  }

  async changed(workspaceId: string): Promise<void> {
    this.forget(workspaceId);
    await this.ctx.pubsub.publish(CHANNEL, workspaceId);
  }

  private forget(workspaceId: string): void {
    this.generations.set(workspaceId, (this.generations.get(workspaceId) ?? 0) + 1);
    this.entries.delete(workspaceId);
  }

  /** The workspace's index, built if missing or older than its lifetime. */
  async entry(workspaceId: string): Promise<Entry> {
    const now = this.ctx.now();
    const cached = this.entries.get(workspaceId);
    if (cached && now - cached.builtAt < (this.opts.ttlMs ?? 5 * 60_000)) {
      // Most recently used last: the first key is the one to drop.
      this.entries.delete(workspaceId);
      this.entries.set(workspaceId, cached);
      return cached.promise;
    }
    const generation = this.generations.get(workspaceId) ?? 0;
    const promise = (async () => {
      const [rows, memberships] = await Promise.all([allCanned(this.ctx.db, workspaceId), allMemberships(this.ctx.db, workspaceId)]);
      return buildEntry(rows.map(toCanned), memberships, now);
    })();
    const slot = { promise, builtAt: now };
    this.entries.set(workspaceId, slot);
    while (this.entries.size > (this.opts.maxWorkspaces ?? 200)) this.entries.delete(this.entries.keys().next().value as string);
    try {
      await promise;
    } catch (err) {
      if (this.entries.get(workspaceId) === slot) this.entries.delete(workspaceId);
      throw err;
    }
    // A change announced while this was being read may be missing from it: the next search reads again.
    if ((this.generations.get(workspaceId) ?? 0) !== generation && this.entries.get(workspaceId) === slot) this.entries.delete(workspaceId);
    return promise;
  }

  /** The matches, and the viewer they were chosen for (teams from memory: a search reads no storage). */
  async search(actor: Operator, query: string, limit: number): Promise<{ items: CannedResponse[]; viewer: Viewer }> {
    const e = await this.entry(actor.workspaceId);
    const viewer: Viewer = { id: actor.id, role: actor.role, teamIds: e.teamsOf.get(actor.id) ?? new Set() };
    return { items: searchEntry(e, viewer, query, limit), viewer };
  }
}
