/**
 * The words of the virtual agent's answer: the language model's grounded
 * answer when one is configured (G6), followed by the articles it cites;
 * else the best article's passage and that article. "Source: title", linked
 * to the help centre when the server's public address is http(s).
 */
import type { FoundArticle } from '../article-assist/article-finder.js';
import type { Context } from '../context.js';
import type { AgentAnswer } from './decide.js';

export interface ReplyProps {
  workspaceId: string;
  question: string;
  locale: string | undefined;
  best: AgentAnswer;
  found: FoundArticle[];
}

export async function composeReply(ctx: Context, p: ReplyProps): Promise<string> {
  const passages = p.found.map((f) => ({ id: f.id, title: f.title, text: f.excerpt || f.description }));
  const model = await ctx.languageModel
    .answer({ workspaceId: p.workspaceId, task: 'agent', question: p.question, passages, locale: p.locale })
    .catch(() => null);
  if (model) {
    const cited = p.found.filter((f) => model.citations.includes(f.id));
    if (cited.length > 0) return `${model.text.trim()}\n\n${cited.map((f) => sourceLine(ctx, f)).join('\n')}`;
  }
  return `${p.best.passage}\n\n${sourceLine(ctx, p.best)}`;
}

export function sourceLine(ctx: Pick<Context, 'config'>, a: { title: string; url: string }): string {
  const title = a.title.replace(/[[\]\n]/g, ' ').trim();
  const base = ctx.config.publicUrl?.replace(/\/+$/, '') ?? '';
  const link = /^https?:\/\//i.test(base) ? `${base}${a.url}` : null;
  return link ? `Source: [${title}](${link})` : `Source: ${title}`;
}
