import type { CreateArticleInput } from '../article/article.js';
import { newId } from '../ids.js';

/** A title of one line under 200 characters; a slug from it, made unique with a short random end. */
export function draftFields(question: string, body: string): CreateArticleInput {
  const title = question.replace(/\s+/g, ' ').trim().slice(0, 200) || 'New article';
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const slug = `${words || 'article'}-${newId().slice(-6).toLowerCase()}`;
  return { title, slug, description: '', body, locale: 'en', categoryId: null, translationOf: null };
}
