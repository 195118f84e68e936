import { describe, expect, it } from 'vitest';
import type { FoundArticle } from '../article-assist/article-finder.js';
import { COVERAGE_FLOOR, confidenceOf, DEFAULT_AGENT_THRESHOLD, decideAnswer } from './decide.js';

const found = (id: string, score: number, coverage: number, excerpt = `Passage of ${id}`): FoundArticle => ({
  id,
  title: `Title ${id}`,
  description: `About ${id}`,
  locale: 'en',
  slug: id,
  url: `/help/w/en/${id}`,
  score,
  coverage,
  excerpt,
});

describe('the virtual agent’s decision', () => {
  it('answers with the best article’s passage when it covers the question and stands out', () => {
    const d = decideAnswer([found('a', 20, 0.9), found('b', 5, 0.3)]);
    expect(d.confidence).toBeGreaterThanOrEqual(DEFAULT_AGENT_THRESHOLD);
    expect(d.answer).toEqual({ articleId: 'a', title: 'Title a', url: '/help/w/en/a', passage: 'Passage of a' });
  });

  it('answers nothing when no article was found', () => {
    expect(decideAnswer([])).toEqual({ confidence: 0, answer: null });
  });

  it('answers nothing below the coverage floor, however alone the article is', () => {
    const d = decideAnswer([found('a', 20, COVERAGE_FLOOR - 0.01)]);
    expect(d).toEqual({ confidence: 0, answer: null });
  });

  it('is less sure when the runner-up is about as relevant', () => {
    const clear = confidenceOf([found('a', 20, 0.6), found('b', 5, 0.5)]);
    const close = confidenceOf([found('a', 20, 0.6), found('b', 19, 0.5)]);
    expect(close).toBeLessThan(clear);
    expect(decideAnswer([found('a', 20, 0.5), found('b', 19.5, 0.5)]).answer).toBeNull();
  });

  it('follows the threshold it is given', () => {
    const list = [found('a', 20, 0.6), found('b', 15, 0.5)];
    const c = confidenceOf(list);
    expect(decideAnswer(list, c).answer?.articleId).toBe('a');
    expect(decideAnswer(list, c + 0.01).answer).toBeNull();
  });

  it('falls back to the description when the article has no passage, and answers nothing with neither', () => {
    expect(decideAnswer([found('a', 20, 0.9, '')]).answer?.passage).toBe('About a');
    expect(decideAnswer([{ ...found('a', 20, 0.9, ''), description: ' ' }]).answer).toBeNull();
  });
});
