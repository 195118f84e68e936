/**
 * The suggestion engine of each workspace (its catalogue, bought-together
 * counts and text index), built once and kept until the catalogue or the
 * tracked orders change: each request reads a cheap stamp (counts and latest
 * times, from indexes) and rebuilds only when it moved, so a product imported
 * or an order reported on any node is seen at the next request. It is built
 * here, on the operator's request, never on a message's send path; two
 * requests at once share one build.
 */
import { formatMoney } from '@switchboard/protocol';
import { Recommender } from '@switchboard/assist';
import type { Db } from '../db/database.js';
import type { ProductRow } from '../product/product.table.js';
import { catalogueOf, catalogueStamp, recentBaskets, toCatalogueProduct } from './product-suggest.repository.js';

export interface WorkspaceEngine {
  stamp: string;
  engine: Recommender;
  rows: Map<string, ProductRow>;
}

const MAX_WORKSPACES = 200;

/** A whole amount without decimals ("€15"), else as money reads ("€15.50"). */
function price(minor: number, currency: string): string {
  const text = formatMoney(minor, currency);
  return text.replace(/[.,]00(?=\D*$)/, '');
}

export class EngineCache {
  private readonly engines = new Map<string, WorkspaceEngine>();
  private readonly building = new Map<string, Promise<WorkspaceEngine>>();

  async of(db: Db, workspaceId: string): Promise<WorkspaceEngine> {
    const stamp = await catalogueStamp(db, workspaceId);
    const known = this.engines.get(workspaceId);
    if (known?.stamp === stamp) return known;
    const key = `${workspaceId}\n${stamp}`;
    let pending = this.building.get(key);
    if (!pending) {
      pending = this.build(db, workspaceId, stamp).finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    return pending;
  }

  private async build(db: Db, workspaceId: string, stamp: string): Promise<WorkspaceEngine> {
    const [{ rows, relations }, baskets] = await Promise.all([catalogueOf(db, workspaceId), recentBaskets(db, workspaceId)]);
    const built: WorkspaceEngine = {
      stamp,
      engine: new Recommender(rows.map(toCatalogueProduct), relations, baskets, { formatPrice: price }),
      rows: new Map(rows.map((r) => [r.id, r])),
    };
    this.engines.delete(workspaceId);
    if (this.engines.size >= MAX_WORKSPACES) this.engines.delete(this.engines.keys().next().value as string);
    this.engines.set(workspaceId, built);
    return built;
  }
}
