/**
 * The active intent model of each workspace, loaded on first use and kept in
 * memory on each node. Activating a version (a training, a rollback) is
 * announced on pub/sub (`intent.model`): every node drops its copy and loads
 * the new one at its next prediction. A copy also lives at most `ttlMs`, so an
 * announcement lost in a Redis reconnect heals by itself.
 *
 * A model trained with the sentence encoder loads with it (loaded once per
 * process, at the first such model); each prediction then embeds its text
 * asynchronously, after the message's commit. Models trained before load
 * without it. When the encoder cannot be loaded (or INTENT_ENCODER=off), a
 * model that needs it counts as none: no label, said once in the log.
 */
import { type EncodedIntentModel, loadEncodedIntentModel, loadPackagedWordVectors, savedSentenceEncoder } from '@switchboard/assist';
import type { Context } from '../context.js';
import { activeModel } from './intent.repository.js';
import { tryLoadEncoder, warnEncoderUnavailable } from './sentence-encoder.js';

const CHANNEL = 'intent.model';

export interface ActiveIntentModel {
  id: string;
  version: number;
  model: EncodedIntentModel;
}

interface Entry {
  loading: Promise<ActiveIntentModel | null>;
  loadedAt: number;
}

export class IntentModels {
  private readonly entries = new Map<string, Entry>();
  private unsubscribe: (() => Promise<void>) | null = null;

  constructor(
    private readonly ctx: Context,
    private readonly opts: { ttlMs?: number } = {},
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.ctx.pubsub.subscribe(CHANNEL, (_channel, payload) => {
      try {
        this.entries.delete((JSON.parse(payload) as { workspaceId: string }).workspaceId);
      } catch {
        // Not ours: ignore.
      }
    });
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
    this.unsubscribe = null;
    this.entries.clear();
  }

  /** The workspace's active model, or null when none was trained. */
  active(workspaceId: string): Promise<ActiveIntentModel | null> {
    const now = this.ctx.now();
    const cached = this.entries.get(workspaceId);
    if (cached && now - cached.loadedAt < (this.opts.ttlMs ?? 10 * 60_000)) return cached.loading;
    const entry: Entry = { loading: this.load(workspaceId), loadedAt: now };
    entry.loading.catch(() => {
      if (this.entries.get(workspaceId) === entry) this.entries.delete(workspaceId);
    });
    this.entries.set(workspaceId, entry);
    return entry.loading;
  }

  /** Another version is active: this node forgets its copy now, every other node when the announcement arrives. */
  async changed(workspaceId: string): Promise<void> {
    this.entries.delete(workspaceId);
    await this.ctx.pubsub.publish(CHANNEL, JSON.stringify({ workspaceId }));
  }

  private async load(workspaceId: string): Promise<ActiveIntentModel | null> {
    const row = await activeModel(this.ctx.db, workspaceId);
    if (!row) return null;
    const needs = savedSentenceEncoder(row.model);
    if (needs && this.ctx.config.intentEncoder === null) {
      warnEncoderUnavailable(this.ctx.log, 'INTENT_ENCODER=off');
      return null;
    }
    const loaded = needs ? await tryLoadEncoder(needs) : null;
    if (loaded && !loaded.encoder) {
      warnEncoderUnavailable(this.ctx.log, loaded.problem ?? 'unknown');
      return null;
    }
    const model = await loadEncodedIntentModel(row.model, {
      wordVectors: await loadPackagedWordVectors(),
      encoder: async () => loaded!.encoder!,
    });
    return { id: row.id, version: row.version, model };
  }
}
