/**
 * What a node knows of the visitors of the other nodes (visitor-presence.ts):
 * the wire format nodes announce in, and each other node's entries, kept from
 * its numbered deltas, replaced by its full state, forgotten when it says
 * goodbye or stops announcing. A missing number (a delta lost while Redis
 * reconnected) or a heartbeat naming a delta never heard asks that node for
 * its full state.
 */
import { type OnlineVisitor, type PackedVisitor, unpackVisitor } from '@switchboard/protocol';
import type { Clock } from '../clock.js';

export type OnlineEntry = OnlineVisitor & { workspaceId: string };

export type Wire =
  /** What changed: entries that arrived or moved (`u`, each with its workspace), visitors who left (`g`). */
  | { n: string; k: 'd'; s: number; u: [string, PackedVisitor][]; g: string[] }
  /** Alive, with the number of the last delta. */
  | { n: string; k: 'h'; s: number }
  /** Everything this node has, as of delta `s`. */
  | { n: string; k: 'f'; s: number; u: [string, PackedVisitor][] }
  /** Asks for full states: of node `t`, or of every node. */
  | { n: string; k: 'sync'; t?: string }
  /** Stopping: forget this node's visitors now. */
  | { n: string; k: 'bye' }
  /** A change about a visitor that any node may learn first. */
  | { n: string; k: 'p'; v: string; w: string; chatting?: boolean; name?: string | null };

interface RemoteNode {
  /** When it was last heard. */
  at: number;
  /** The number of its last delta heard. */
  seq: number;
  /** Waiting for the full state asked for after a gap. */
  syncing: boolean;
  visitors: Map<string, OnlineEntry>;
}

export const same = (a: OnlineEntry | undefined, b: OnlineEntry | undefined) =>
  a === b ||
  (!!a &&
    !!b &&
    a.pageUrl === b.pageUrl &&
    a.pageTitle === b.pageTitle &&
    a.pageSince === b.pageSince &&
    a.arrivedAt === b.arrivedAt &&
    a.visits === b.visits &&
    a.chatting === b.chatting &&
    a.name === b.name &&
    a.workspaceId === b.workspaceId);

const entry = ([workspaceId, p]: [string, PackedVisitor]): OnlineEntry => ({ ...unpackVisitor(p), workspaceId });

export class OtherNodes {
  private readonly nodes = new Map<string, RemoteNode>();

  constructor(
    private readonly clock: Clock,
    private readonly deps: {
      /** Runs a change, telling listeners about each visitor it touched whose entry changed. */
      around(ids: Iterable<string>, mutate: () => void): void;
      /** Asks a node for its full state. */
      askFull(node: string): void;
    },
  ) {}

  *entriesOf(visitorId: string): Iterable<OnlineEntry> {
    for (const r of this.nodes.values()) {
      const e = r.visitors.get(visitorId);
      if (e) yield e;
    }
  }

  /** When a node was last heard (undefined: not known, or forgotten). */
  heardFrom(node: string): number | undefined {
    return this.nodes.get(node)?.at;
  }

  patch(visitorId: string, patched: (e: OnlineEntry) => OnlineEntry): void {
    for (const r of this.nodes.values()) {
      const e = r.visitors.get(visitorId);
      if (e) r.visitors.set(visitorId, patched(e));
    }
  }

  /** A node's entries, all at once (its full state, as of delta `seq`; null: the node is gone). */
  replace(node: string, entries: [string, PackedVisitor][] | null, seq = 0): void {
    const next = new Map((entries ?? []).map((x) => [x[1][0], entry(x)]));
    const ids = new Set([...(this.nodes.get(node)?.visitors.keys() ?? []), ...next.keys()]);
    this.deps.around(ids, () => {
      if (entries) this.nodes.set(node, { at: this.clock.now(), seq, syncing: false, visitors: next });
      else this.nodes.delete(node);
    });
  }

  /** Alive, with the number of its last delta: when that is not the last one heard, something was missed. */
  heartbeat(node: string, seq: number): void {
    const { r, known } = this.heard(node);
    if (known && seq === r.seq) return;
    // Asked again even if an answer is awaited: that answer may be the one lost.
    r.syncing = false;
    this.askFull(node, r);
  }

  /** What changed on a node: applied (its entries are whole), and everything asked for when one before it went missing. */
  delta(node: string, seq: number, upserts: [string, PackedVisitor][], gone: string[]): void {
    const { r, known } = this.heard(node);
    const gap = (known || seq !== 1) && seq !== r.seq + 1;
    r.seq = seq;
    const entries = upserts.map(entry);
    this.deps.around([...entries.map((e) => e.id), ...gone], () => {
      for (const e of entries) r.visitors.set(e.id, e);
      for (const id of gone) r.visitors.delete(id);
    });
    if (gap) this.askFull(node, r);
  }

  /** Forgets the nodes not heard since `before`: they died. */
  expire(before: number): void {
    for (const [node, r] of this.nodes) if (r.at <= before) this.replace(node, null);
  }

  private heard(node: string): { r: RemoteNode; known: boolean } {
    let r = this.nodes.get(node);
    const known = !!r;
    if (!r) {
      r = { at: 0, seq: 0, syncing: false, visitors: new Map() };
      this.nodes.set(node, r);
    }
    r.at = this.clock.now();
    return { r, known };
  }

  private askFull(node: string, r: RemoteNode): void {
    if (r.syncing) return;
    r.syncing = true;
    this.deps.askFull(node);
  }
}
