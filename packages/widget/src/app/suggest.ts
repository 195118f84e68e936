/**
 * "Suggested articles" while the visitor writes the first message of a new
 * conversation (the empty chat, or the message of the pre-chat and offline
 * forms): 300 ms after they stop typing, up to three published articles
 * that answer it, as buttons named by their titles. Choosing one opens it
 * inside the widget over the screen (which keeps what was typed); the view's
 * code is its own file (dist/article.js), fetched the first time.
 */
import type { Api, ArticleSuggestion } from './api.js';
import type { BuildArticleView } from './article-view.js';
import { h } from './dom.js';
import { errorText } from './errors.js';
import { language, t } from './i18n.js';

const DEBOUNCE_MS = 300;
const MIN_CHARS = 3;

let chunk: Promise<BuildArticleView> | null = null;

function articleView(): Promise<BuildArticleView> {
  chunk ??= new Promise<BuildArticleView>((resolve, reject) => {
    const script = h('script', { src: '/widget/article.js' });
    script.onload = () => (window.sbArticleView ? resolve(window.sbArticleView) : reject(new Error('article view missing')));
    script.onerror = () => reject(new Error('article view not loaded'));
    document.head.append(script);
  }).catch((err) => {
    chunk = null;
    throw err;
  });
  return chunk;
}

export interface SuggestOptions {
  /** Still a conversation not started (suggestions stop with the first message). */
  active(): boolean;
  /** Puts the list where it belongs (above the composer, under the form's message). */
  place(region: HTMLElement): void;
  /** The screens' container: the article is shown in it, over what is there. */
  screens: HTMLElement;
}

export function suggestArticles(api: Api, input: HTMLTextAreaElement, o: SuggestOptions): void {
  const list = h('ul', { class: 'suggest-list' });
  const error = h('p', { role: 'alert', class: 'error' });
  const region = h('section', { class: 'suggest', 'aria-label': t('suggestedArticles'), hidden: true }, h('h2', {}, t('suggestedArticles')), list, error);
  o.place(region);
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Only the answer to the latest question is shown. */
  let asked = 0;
  const hide = () => {
    clearTimeout(timer);
    asked++;
    region.hidden = true;
    list.replaceChildren();
  };

  const show = (items: ArticleSuggestion[]) => {
    list.replaceChildren(
      ...items.map((s) =>
        h('li', {}, h('button', { type: 'button', class: 'suggestion', dir: 'auto', 'data-id': s.id, onclick: () => void open(s.id) }, s.title)),
      ),
    );
    error.textContent = '';
    region.hidden = items.length === 0;
  };

  const ask = async () => {
    const q = input.value.trim();
    const mine = ++asked;
    if (!o.active() || q.length < MIN_CHARS) return hide();
    const items = await api.suggest(q.slice(0, 500), language()).catch(() => null);
    // Refused (rate limit) or offline: the list as it was; newer typing wins.
    if (items && mine === asked) show(items);
  };

  async function open(id: string): Promise<void> {
    error.textContent = '';
    let view: ReturnType<BuildArticleView>;
    try {
      const [build, article] = await Promise.all([articleView(), api.article(id)]);
      view = build({
        article,
        t,
        errorText,
        vote: (helpful) => api.vote(article.id, helpful),
        back: () => {
          view.root.remove();
          for (const el of covered) el.hidden = false;
          const from = list.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`);
          (from ?? input).focus();
        },
      });
    } catch (err) {
      error.textContent = errorText(err);
      return;
    }
    const covered = [...o.screens.children].filter((el): el is HTMLElement => el instanceof HTMLElement && !el.hidden);
    for (const el of covered) el.hidden = true;
    o.screens.append(view.root);
    view.heading.focus();
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void ask(), DEBOUNCE_MS);
  });
  input.form?.addEventListener('submit', () => {
    if (!o.active()) hide();
  });
}
