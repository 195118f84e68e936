/**
 * Reply suggestions for a visitor question (G1): article passages from the
 * workspace's help centre, earlier operator answers to similar questions
 * (only from conversations the audience may see: `maySee`), and, when a
 * language model is configured, a reply drafted from those passages. At most
 * three, interleaved: the model's draft, the best article, the best answer…
 */
import type { ReplySuggestion } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { GroundingPassage } from '../language-model/language-model.js';
import { pickPassage } from './passage.js';
import type { PairStore } from './pair-store.js';

export const MAX_SUGGESTIONS = 3;
/** Below this coverage an article passage is not suggested. */
export const MIN_ARTICLE_COVERAGE = 0.5;

export interface SourceConversation {
  workspace_id: string;
  team_id: string | null;
  assignee_id: string | null;
}

export interface SuggestInput {
  workspaceId: string;
  conversationId: string;
  seq: number;
  question: string;
  locale?: string | undefined;
  /** Whether the earlier answer's conversation may be shown to who gets the suggestions. */
  maySee: (source: SourceConversation) => boolean;
  /** Prefix for article addresses (the public origin), '' for addresses relative to the console's. */
  origin: string;
  /** Ask the language model (default yes). */
  model?: boolean;
}

/** The on-premise suggestions, with the language model's draft first when it answers. */
export async function suggestReplies(
  ctx: Pick<Context, 'db' | 'articles' | 'languageModel' | 'log'>,
  pairs: PairStore,
  input: SuggestInput,
): Promise<ReplySuggestion[]> {
  const question = input.question.trim();
  if (!question) return [];
  const [found, index] = await Promise.all([
    ctx.articles.find(input.workspaceId, question, { locale: input.locale, limit: MAX_SUGGESTIONS }),
    pairs.index(input.workspaceId),
  ]);
  const articles: ReplySuggestion[] = found
    .filter((f) => f.coverage >= MIN_ARTICLE_COVERAGE)
    .map((f) => ({
      id: `article:${f.id}`,
      text: pickPassage(f.excerpt, question),
      source: { kind: 'article', title: f.title, articleId: f.id, url: `${input.origin}${f.url}` },
    }));
  const matches = index.search(question, { limit: 10, exceptConversationId: input.conversationId });
  const sources = await sourceConversations(ctx, input.workspaceId, [...new Set(matches.map((m) => m.conversationId))]);
  const answers: ReplySuggestion[] = matches
    .filter((m) => {
      const source = sources.get(m.conversationId);
      return source !== undefined && input.maySee(source);
    })
    .map((m) => ({ id: `answer:${m.id}`, text: m.answer, source: { kind: 'answer', title: 'Earlier answer', conversationId: m.conversationId } }));
  const onPremise = interleave(articles, answers);
  if (input.model === false) return onPremise.slice(0, MAX_SUGGESTIONS);
  return (await withDraft(ctx, input, onPremise)) ?? onPremise.slice(0, MAX_SUGGESTIONS);
}

/** The suggestions with the language model's draft first; null when it drafted nothing (none configured, failed, cited nothing). */
export async function withDraft(
  ctx: Pick<Context, 'languageModel' | 'log'>,
  input: SuggestInput,
  onPremise: ReplySuggestion[],
): Promise<ReplySuggestion[] | null> {
  if (onPremise.length === 0) return null;
  const drafted = await draft(ctx, input, onPremise);
  return drafted ? [drafted, ...onPremise].slice(0, MAX_SUGGESTIONS) : null;
}

function interleave(a: ReplySuggestion[], b: ReplySuggestion[]): ReplySuggestion[] {
  const out: ReplySuggestion[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i]) out.push(a[i]!);
    if (b[i]) out.push(b[i]!);
  }
  return out;
}

async function sourceConversations(ctx: Pick<Context, 'db'>, workspaceId: string, ids: string[]): Promise<Map<string, SourceConversation>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('conversations')
    .select(['id', 'workspace_id', 'team_id', 'assignee_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Drafts asked for lately, per visitor message and passages: the console opening a conversation again does not ask again. */
const drafts = new Map<string, Promise<ReplySuggestion | null>>();
const MAX_DRAFTS = 500;

/** The language model's reply grounded in the suggestions' passages; null: none configured, failed, or cited nothing. */
function draft(ctx: Pick<Context, 'languageModel' | 'log'>, input: SuggestInput, from: ReplySuggestion[]): Promise<ReplySuggestion | null> {
  const key = [input.workspaceId, input.conversationId, input.seq, ...from.map((s) => s.id)].join(' ');
  const cached = drafts.get(key);
  if (cached) return cached;
  const asked = askModel(ctx, input, from);
  drafts.set(key, asked);
  if (drafts.size > MAX_DRAFTS) drafts.delete(drafts.keys().next().value as string);
  return asked;
}

async function askModel(ctx: Pick<Context, 'languageModel' | 'log'>, input: SuggestInput, from: ReplySuggestion[]): Promise<ReplySuggestion | null> {
  const passages: GroundingPassage[] = from.map((s) => ({ id: s.id, title: s.source.title, text: s.text }));
  try {
    const answer = await ctx.languageModel.answer({
      workspaceId: input.workspaceId,
      task: 'suggest',
      question: input.question,
      passages,
      locale: input.locale,
    });
    const cited = from.filter((s) => answer?.citations.includes(s.id));
    if (!answer?.text.trim() || cited.length === 0) return null;
    return {
      id: `model:${input.seq}`,
      text: answer.text.trim(),
      source: { kind: 'model', title: `Drafted from: ${[...new Set(cited.map((s) => s.source.title))].join(', ')}` },
    };
  } catch (err) {
    ctx.log.warn({ err }, 'language model suggestion failed');
    return null;
  }
}
