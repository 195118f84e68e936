/**
 * The article index behind the widget's suggestions (F2), the console's
 * article search (F3) and content gaps (F4): the assist engine's
 * ArticleIndex (packages/assist) over each workspace's published articles,
 * in memory, built on first use.
 *
 * Kept right incrementally on every node: each `article.changed` is
 * announced on pub/sub (`article.index`), and every node that holds the
 * workspace's index reads that one article again and upserts or removes it
 * (no rebuild). An index also lives at most `ttlMs`, so an announcement lost
 * in a Redis reconnect heals by itself, and at most `maxWorkspaces` indexes
 * are kept (the least recently used go first).
 */
import { ArticleIndex, type ArticleMatch, loadPackagedWordVectors } from '@switchboard/assist';
import type { Context } from '../context.js';
import { type ArticleRow, findArticle, listArticleRows } from '../article/article.repository.js';
import { articleUrl } from '../article/article.service.js';
import { plainBlocks } from '../article/render-markdown.js';

const CHANNEL = 'article.index';

/** Below this coverage (0–1) the best article does not answer the question: a content gap. */
export const GAP_COVERAGE = 0.5;

export interface FoundArticle {
  id: string;
  title: string;
  description: string;
  locale: string;
  slug: string;
  url: string;
  /** Fused relevance, comparable within one query only. */
  score: number;
  /** Share of the question the article covers (0–1), comparable across queries. */
  coverage: number;
  /** The paragraph that best answers the question, plain text. */
  excerpt: string;
}

interface Meta {
  title: string;
  description: string;
  locale: string;
  slug: string;
  url: string;
}

interface Entry {
  index: ArticleIndex;
  meta: Map<string, Meta>;
  builtAt: number;
  usedAt: number;
}

export interface FindOptions {
  /** Only articles in this locale (a visitor's language); with no match in it, the workspace's other locales. */
  locale?: string | undefined;
  limit?: number;
}

const metaOf = (r: ArticleRow): Meta => ({ title: r.title, description: r.description, locale: r.locale, slug: r.slug, url: articleUrl(r) });
const indexed = (r: ArticleRow) => ({ id: r.id, title: r.title, body: [r.description, plainBlocks(r.body)].filter(Boolean).join('\n\n') });

export class ArticleFinder {
  private readonly entries = new Map<string, Promise<Entry>>();
  private unsubscribe: (() => Promise<void>) | null = null;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly ctx: Context,
    private readonly opts: { ttlMs?: number; maxWorkspaces?: number } = {},
  ) {}

  /** Listens for article changes from every node (this one's too, through the same channel). */
  async start(): Promise<void> {
    this.warm();
    this.unsubscribe = await this.ctx.pubsub.subscribe(CHANNEL, (_channel, payload) => {
      let change: { workspaceId: string; articleId: string };
      try {
        change = JSON.parse(payload);
      } catch {
        return;
      }
      const p = this.refresh(change.workspaceId, change.articleId)
        .catch((err) => this.ctx.log.error({ err }, 'article index update failed'))
        .finally(() => this.pending.delete(p));
      this.pending.add(p);
    });
    this.ctx.events.on('article.changed', (e) => {
      this.ctx.pubsub.publish(CHANNEL, JSON.stringify({ workspaceId: e.workspaceId, articleId: e.articleId })).catch((err) => {
        this.ctx.log.error({ err }, 'article index announcement failed');
      });
    });
  }

  /**
   * With published articles stored, the word vectors (seconds of reading, a slice at a time) are
   * read now, in the background, rather than by the first visitor's question.
   */
  private warm(): void {
    this.ctx.db
      .selectFrom('articles')
      .select('id')
      .where('state', '=', 'published')
      .limit(1)
      .executeTakeFirst()
      .then((any) => (any ? loadPackagedWordVectors() : null))
      .catch((err) => this.ctx.log.warn({ err }, 'word vectors not read ahead'));
  }

  /** Resolves once the updates announced so far are in this node's indexes. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
    this.unsubscribe = null;
    this.entries.clear();
  }

  /** The published articles that best answer `text`, best first. */
  async find(workspaceId: string, text: string, opts: FindOptions = {}): Promise<FoundArticle[]> {
    const query = text.trim().slice(0, 2000);
    if (!query) return [];
    const limit = Math.min(Math.max(opts.limit ?? 5, 1), 50);
    const entry = await this.entry(workspaceId);
    if (entry.index.size === 0) return [];
    // Oversample, then keep the visitor's locale when it has matches.
    const matches = entry.index.search(query, { limit: Math.min(100, limit * 4) });
    // Dense meaning scores make every article a candidate: keep those above the average or holding a word of the question.
    const found = matches.filter((m) => m.score > 0 || m.coverage > 0).flatMap((m) => this.present(entry, m));
    const inLocale = opts.locale ? found.filter((f) => sameLanguage(f.locale, opts.locale!)) : [];
    return (inLocale.length > 0 ? inLocale : found).slice(0, limit);
  }

  /** Articles indexed for a workspace (builds its index). */
  async size(workspaceId: string): Promise<number> {
    return (await this.entry(workspaceId)).index.size;
  }

  private present(entry: Entry, m: ArticleMatch): FoundArticle[] {
    const meta = entry.meta.get(m.id);
    if (!meta) return [];
    return [{ id: m.id, ...meta, score: m.score, coverage: m.coverage, excerpt: m.excerpt ?? meta.description }];
  }

  private async entry(workspaceId: string): Promise<Entry> {
    const now = this.ctx.now();
    const ttl = this.opts.ttlMs ?? 10 * 60_000;
    const cached = this.entries.get(workspaceId);
    if (cached) {
      const entry = await cached;
      if (now - entry.builtAt < ttl && this.entries.get(workspaceId) === cached) {
        entry.usedAt = now;
        return entry;
      }
      if (this.entries.get(workspaceId) === cached) this.entries.delete(workspaceId);
    }
    const building = this.build(workspaceId, now);
    this.entries.set(workspaceId, building);
    building.catch(() => {
      if (this.entries.get(workspaceId) === building) this.entries.delete(workspaceId);
    });
    this.evict();
    return building;
  }

  private async build(workspaceId: string, now: number): Promise<Entry> {
    const index = await ArticleIndex.create();
    const rows = await listArticleRows(this.ctx.db, { workspaceId, state: 'published', limit: 100_000 });
    const meta = new Map<string, Meta>();
    for (const r of rows) {
      index.upsert(indexed(r));
      meta.set(r.id, metaOf(r));
    }
    return { index, meta, builtAt: now, usedAt: now };
  }

  private evict(): void {
    const max = this.opts.maxWorkspaces ?? 200;
    if (this.entries.size <= max) return;
    // Map order is insertion order: the oldest builds go first.
    const excess = this.entries.size - max;
    for (const key of [...this.entries.keys()].slice(0, excess)) this.entries.delete(key);
  }

  /** One article changed: read it again and put it in (published) or take it out (draft, deleted). */
  private async refresh(workspaceId: string, articleId: string): Promise<void> {
    const pending = this.entries.get(workspaceId);
    if (!pending) return;
    const entry = await pending;
    const row = await findArticle(this.ctx.db, workspaceId, articleId);
    if (row?.state === 'published') {
      entry.index.upsert(indexed(row));
      entry.meta.set(row.id, metaOf(row));
    } else {
      entry.index.remove(articleId);
      entry.meta.delete(articleId);
    }
  }
}

/** `pt-BR` and `pt` are the same language for suggestions. */
export function sameLanguage(a: string, b: string): boolean {
  return a.split('-')[0]!.toLowerCase() === b.split('-')[0]!.toLowerCase();
}
