/**
 * Rich messages (E2) in the widget, built to its own file (dist/rich.js) and
 * loaded the first time a conversation shows one: a product card (image, name,
 * price in the visitor's locale, stock, "View product" in a new tab), a
 * carousel of cards ("Previous products" / "Next products", scroll snapping),
 * a comparison table (caption "Compare products", a column per product, cells
 * that differ marked visibly and in words) and quick replies (buttons; the
 * chosen label is sent as the visitor's message and the set is disabled).
 * Everything the shop wrote goes in as text (textContent), never as markup;
 * only http(s) pages become links. The app hands in its words and calls.
 */
import { formatMoney, type ProductCard, type RichClickInput, type RichContent } from '@switchboard/protocol';
import type { MessageKey } from '../i18n/en.js';
import { h } from './dom.js';

export interface RichViewProps {
  rich: RichContent;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** The visitor's locale, for prices. */
  locale: string;
  /** The Switchboard server's origin: product images are its checked copies. */
  origin: string;
  /** Records a click (fire and forget). */
  click(c: Omit<RichClickInput, 'messageId'>): void;
  /** Sends a text as the visitor's message (a quick reply's label, a chosen product's name). */
  say(text: string): void;
}

export type BuildRichView = (p: RichViewProps) => HTMLElement;

declare global {
  interface Window {
    /** Set by dist/rich.js when it has loaded. */
    sbRichView?: BuildRichView;
  }
}

const httpUrl = (url: string | null, base: string): string | null => {
  if (!url) return null;
  try {
    const u = new URL(url, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
};

const STOCK: Record<ProductCard['stock'], MessageKey> = { in_stock: 'stockIn', out_of_stock: 'stockOut', preorder: 'stockPreorder' };

const sr = (text: string) => h('span', { class: 'sr' }, text);

function viewLink(p: RichViewProps, product: ProductCard): HTMLElement | null {
  const href = httpUrl(product.pageUrl, p.origin);
  if (!href || !/^https?:/.test(product.pageUrl ?? '')) return null;
  return h(
    'a',
    { href, target: '_blank', rel: 'noopener noreferrer', class: 'rich-view', onclick: () => p.click({ action: 'view', productId: product.id }) },
    p.t('richViewProduct'),
    sr(`: ${product.name}`),
  );
}

function chooseButton(p: RichViewProps, product: ProductCard): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'rich-choose' }, p.t('richChoose'), sr(` ${product.name}`));
  b.addEventListener('click', () => {
    b.disabled = true;
    p.click({ action: 'choose', productId: product.id });
    p.say(product.name);
  });
  return b;
}

const price = (p: RichViewProps, product: ProductCard) => formatMoney(product.priceMinor, product.currency, p.locale);

function image(p: RichViewProps, product: ProductCard): HTMLElement | null {
  const src = httpUrl(product.imageUrl, p.origin);
  // A refused or unreachable image (the server's check answers 404) leaves no broken picture.
  return src ? h('img', { src, alt: product.name, class: 'rich-img', loading: 'lazy', onerror: (e: Event) => (e.target as HTMLElement).remove() }) : null;
}

function card(p: RichViewProps, product: ProductCard, choose: boolean): HTMLElement {
  return h(
    'div',
    { class: 'rich-card' },
    image(p, product),
    h('p', { class: 'rich-name', dir: 'auto' }, product.name),
    h('p', { class: 'rich-price' }, price(p, product)),
    h('p', { class: `rich-stock ${product.stock}` }, p.t(STOCK[product.stock])),
    h('p', { class: 'rich-actions' }, viewLink(p, product), choose ? chooseButton(p, product) : null),
  );
}

function carousel(p: RichViewProps, products: ProductCard[]): HTMLElement {
  const track = h('ul', { class: 'rich-track', 'aria-label': p.t('richProducts') }, ...products.map((x) => h('li', {}, card(p, x, true))));
  const step = (dir: number) => () => track.scrollBy({ left: dir * track.clientWidth * (document.dir === 'rtl' ? -1 : 1), behavior: 'smooth' });
  const prev = h('button', { type: 'button', class: 'rich-nav', onclick: step(-1) }, '‹', sr(p.t('richPrevious')));
  const next = h('button', { type: 'button', class: 'rich-nav', onclick: step(1) }, '›', sr(p.t('richNext')));
  prev.setAttribute('aria-label', p.t('richPrevious'));
  next.setAttribute('aria-label', p.t('richNext'));
  return h('div', { class: 'rich-carousel' }, track, h('div', { class: 'rich-navs' }, prev, next));
}

const cellText = (v: string | number | undefined) => (v === undefined ? '—' : String(v));

function comparison(p: RichViewProps, products: ProductCard[], attributes: string[]): HTMLElement {
  const row = (label: string, values: string[]) => {
    const differs = new Set(values).size > 1;
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, label),
      ...values.map((v) => h('td', differs ? { class: 'differs' } : {}, v, differs ? sr(` ${p.t('richDiffers')}`) : null)),
    );
  };
  return h(
    'div',
    { class: 'rich-compare-wrap' },
    h(
      'table',
      { class: 'rich-compare' },
      h('caption', {}, p.t('richCompare')),
      h('thead', {}, h('tr', {}, h('td', {}), ...products.map((x) => h('th', { scope: 'col', dir: 'auto' }, image(p, x), x.name)))),
      h(
        'tbody',
        {},
        row(
          p.t('richPrice'),
          products.map((x) => price(p, x)),
        ),
        row(
          p.t('richStock'),
          products.map((x) => p.t(STOCK[x.stock])),
        ),
        ...attributes.map((a) =>
          row(
            a,
            products.map((x) => cellText(x.attributes[a])),
          ),
        ),
        h('tr', {}, h('td', {}), ...products.map((x) => h('td', {}, h('div', { class: 'rich-actions' }, viewLink(p, x), chooseButton(p, x))))),
      ),
    ),
  );
}

function quickReplies(p: RichViewProps, options: { id: string; label: string }[]): HTMLElement {
  const group = h('div', { role: 'group', class: 'rich-replies', 'aria-label': p.t('richQuickReplies') });
  const buttons = options.map((o) =>
    h(
      'button',
      {
        type: 'button',
        class: 'rich-reply',
        onclick: () => {
          for (const b of buttons) b.disabled = true;
          p.click({ action: 'quick_reply', optionId: o.id });
          p.say(o.label);
        },
      },
      o.label,
    ),
  );
  group.append(...buttons);
  return group;
}

const build: BuildRichView = (p) => {
  const r = p.rich;
  if (r.type === 'product') return card(p, r.product, false);
  if (r.type === 'carousel') return carousel(p, r.products);
  if (r.type === 'comparison') return comparison(p, r.products, r.attributes);
  return quickReplies(p, r.options);
};

window.sbRichView = build;
