import { AssistError } from '../errors.js';
import type { Article } from '../retrieval/types.js';

export interface RetrievalQuery {
  id: string;
  query: string;
  /** The article that answers it. */
  articleId: string;
  line: number;
}

/** Parses JSON Lines; blank lines are skipped, errors name the file and line. */
export function parseJsonl(content: string, source: string): { line: number; value: Record<string, unknown> }[] {
  const out: { line: number; value: Record<string, unknown> }[] = [];
  content.split(/\r?\n/).forEach((text, i) => {
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new AssistError('BAD_FILE', `${source} line ${i + 1}: not valid JSON`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new AssistError('BAD_FILE', `${source} line ${i + 1}: expected a JSON object`);
    }
    out.push({ line: i + 1, value: value as Record<string, unknown> });
  });
  if (out.length === 0) throw new AssistError('BAD_FILE', `${source} has no records`);
  return out;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Articles as `{doc_id, question, answers[]}` (StackFAQ) or `{id, title, body, answers}`. */
export function readArticlesJsonl(content: string, source: string): Article[] {
  const seen = new Set<string>();
  return parseJsonl(content, source).map(({ line, value }) => {
    const id = text(value.doc_id) ?? text(value.id);
    const title = text(value.question) ?? text(value.title);
    if (!id) throw new AssistError('BAD_FILE', `${source} line ${line}: missing "doc_id"`);
    if (!title) throw new AssistError('BAD_FILE', `${source} line ${line}: missing "question" (or "title")`);
    if (seen.has(id)) throw new AssistError('BAD_FILE', `${source} line ${line}: duplicate doc_id "${id}"`);
    seen.add(id);
    const answers = value.answers;
    if (answers !== undefined && (!Array.isArray(answers) || answers.some((a) => typeof a !== 'string'))) {
      throw new AssistError('BAD_FILE', `${source} line ${line}: "answers" must be a list of strings`);
    }
    if (value.body !== undefined && typeof value.body !== 'string') {
      throw new AssistError('BAD_FILE', `${source} line ${line}: "body" must be a string`);
    }
    return { id, title, body: value.body as string | undefined, answers: answers as string[] | undefined };
  });
}

/** Queries as `{query_id, query, doc_id}`. */
export function readQueriesJsonl(content: string, source: string): RetrievalQuery[] {
  return parseJsonl(content, source).map(({ line, value }, i) => {
    const query = text(value.query);
    const articleId = text(value.doc_id);
    if (!query) throw new AssistError('BAD_FILE', `${source} line ${line}: missing "query"`);
    if (!articleId) throw new AssistError('BAD_FILE', `${source} line ${line}: missing "doc_id"`);
    return { id: text(value.query_id) ?? `q${i + 1}`, query, articleId, line };
  });
}
