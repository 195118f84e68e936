/**
 * The language model of each workspace (G6), as ctx.languageModel: reads the
 * workspace's settings on each call, and answers null, without sending
 * anything anywhere, when none is set, the task is not one of its uses, or
 * there is nothing to ground the answer in. A configured call goes through
 * the outbound guard; any failure (timeout, HTTP error, bad answer, blocked
 * address, an answer citing nothing given) is logged by its code, without
 * the key or the prompt, and answers null: the feature keeps its on-premise
 * behaviour.
 */
import type { Context } from '../context.js';
import type { GuardOptions } from '../net/outbound.js';
import { SecretBox, serverSecretKey } from '../secrets/secret-box.js';
import { type ChatFailure, chatCompletion } from './chat-completion.js';
import { groundingMessages, parseCitations } from './grounding.js';
import type { GroundedAnswer, GroundedRequest, LanguageModel } from './language-model.js';
import { findSettings } from './language-model.repository.js';
import { usesOf } from './language-model-settings.js';
import type { LanguageModelSettingsTable } from './language-model.table.js';

export type AskFailure = ChatFailure | 'no_citation' | 'key_unreadable';
export type AskResult = { ok: true; answer: GroundedAnswer; durationMs: number } | { ok: false; code: AskFailure; message: string; durationMs: number };

const boxes = new WeakMap<object, SecretBox>();

/** The box that seals and opens the workspace's keys (the server key is read, or made, on first use). */
export function secretBox(ctx: Pick<Context, 'config'>): SecretBox {
  let box = boxes.get(ctx.config);
  if (!box) {
    box = new SecretBox(serverSecretKey(ctx.config));
    boxes.set(ctx.config, box);
  }
  return box;
}

export class WorkspaceLanguageModel implements LanguageModel {
  /** `guard`: tests stand a loopback server in for a public one. */
  constructor(
    private readonly ctx: Context,
    private readonly guard: Partial<GuardOptions> = {},
  ) {}

  async answer(req: GroundedRequest): Promise<GroundedAnswer | null> {
    if (req.passages.length === 0 || req.signal?.aborted) return null;
    try {
      const row = await findSettings(this.ctx.db, req.workspaceId);
      if (!row || !usesOf(row).includes(req.task)) return null;
      const r = await this.ask(row, req);
      if (r.ok) return r.answer;
      this.ctx.log.warn(
        { workspaceId: req.workspaceId, task: req.task, code: r.code, reason: r.message, durationMs: r.durationMs },
        'language model gave no answer: the on-premise one is used',
      );
      return null;
    } catch (err) {
      this.ctx.log.error({ workspaceId: req.workspaceId, task: req.task, reason: (err as Error).message }, 'language model call failed');
      return null;
    }
  }

  /** One grounded call with the workspace's settings, and why it gave nothing (the connection test reports it). */
  async ask(row: LanguageModelSettingsTable, req: GroundedRequest): Promise<AskResult> {
    const started = Date.now();
    const took = () => Date.now() - started;
    let apiKey: string | null = null;
    if (row.api_key_sealed) {
      const opened = secretBox(this.ctx).open(row.api_key_sealed, row.workspace_id);
      if (!opened.ok) {
        const message =
          opened.reason === 'other_key'
            ? 'The stored API key was sealed with another server key: set the same SWITCHBOARD_SECRET_KEY on every node, or enter the key again'
            : 'The stored API key cannot be read: enter it again';
        return { ok: false, code: 'key_unreadable', message, durationMs: took() };
      }
      apiKey = opened.value;
    }
    const target = { endpointUrl: row.endpoint_url, model: row.model, apiKey, timeoutMs: row.timeout_ms, allowPrivate: row.allow_private === 1 };
    const r = await chatCompletion(target, groundingMessages(req), { signal: req.signal, guard: this.guard });
    if (!r.ok) return { ...r, durationMs: took() };
    const answer = parseCitations(r.text, req.passages);
    if (!answer) return { ok: false, code: 'no_citation', message: 'The answer cited none of the passages it was given', durationMs: took() };
    return { ok: true, answer, durationMs: took() };
  }
}
