/**
 * An article read inside the widget, built to its own file (dist/article.js)
 * and loaded only when a visitor opens one: the title as the heading (focused),
 * the server's sanitised HTML inside its own container (its links open in a
 * new tab), "Back", "Open in help centre", and "Did this help?" with Yes and
 * No, then "Thanks for your feedback". The app hands in its words and calls:
 * this file holds no state of its own.
 */
import type { MessageKey } from '../i18n/en.js';
import type { WidgetArticle } from './api.js';
import { h } from './dom.js';

export interface ArticleViewProps {
  article: WidgetArticle;
  t(key: MessageKey): string;
  vote(helpful: boolean): Promise<void>;
  back(): void;
  /** What went wrong, in the visitor's words. */
  errorText(err: unknown): string;
}

export type BuildArticleView = (p: ArticleViewProps) => { root: HTMLElement; heading: HTMLElement };

declare global {
  interface Window {
    /** Set by dist/article.js when it has loaded. */
    sbArticleView?: BuildArticleView;
  }
}

const build: BuildArticleView = ({ article, t, vote, back, errorText }) => {
  const heading = h('h2', { tabindex: '-1', dir: 'auto', id: 'article-title' }, article.title);
  const body = h('div', { class: 'article-body', dir: 'auto' });
  // Sanitised on the server (render-markdown.ts: an allow-list of tags and attributes); never text of the widget's own.
  body.innerHTML = article.html;
  for (const a of body.querySelectorAll('a')) {
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
  }
  const backButton = h('button', { type: 'button', class: 'article-back', onclick: back }, t('articleBack'));
  const open = h('a', { href: article.url, target: '_blank', rel: 'noopener noreferrer', class: 'article-open' }, t('openInHelpCentre'));
  const status = h('p', { role: 'status', class: 'article-thanks' });
  const error = h('p', { role: 'alert', class: 'error' });
  const answer = (helpful: boolean) => async () => {
    yes.disabled = no.disabled = true;
    error.textContent = '';
    try {
      await vote(helpful);
      ask.hidden = true;
      status.textContent = t('feedbackThanks');
    } catch (err) {
      error.textContent = errorText(err);
    } finally {
      yes.disabled = no.disabled = false;
    }
  };
  const yes = h('button', { type: 'button', class: 'send', onclick: answer(true) }, t('yes'));
  const no = h('button', { type: 'button', class: 'send', onclick: answer(false) }, t('no'));
  const ask = h('div', { role: 'group', 'aria-labelledby': 'article-ask', class: 'article-ask' }, h('p', { id: 'article-ask' }, t('didThisHelp')), yes, no);
  const root = h(
    'section',
    { class: 'screen article-screen', 'aria-labelledby': 'article-title' },
    h('div', { class: 'scroll' }, backButton, heading, body, open, ask, status, error),
  );
  return { root, heading };
};

window.sbArticleView = build;
