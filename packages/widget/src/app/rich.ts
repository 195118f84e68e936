/**
 * The place of a rich message (E2) in a bubble: its renderer is its own file
 * (dist/rich.js), fetched the first time a conversation shows one; until it
 * has loaded, and if it cannot load, the message's plain-text rendering shows.
 */
import type { MessageDto, RichClickInput } from '@switchboard/protocol';
import type { BuildRichView } from './rich-view.js';
import { h } from './dom.js';
import { numberLocale, t } from './i18n.js';

let chunk: Promise<BuildRichView> | null = null;

function richView(): Promise<BuildRichView> {
  chunk ??= new Promise<BuildRichView>((resolve, reject) => {
    const script = h('script', { src: '/widget/rich.js' });
    script.onload = () => (window.sbRichView ? resolve(window.sbRichView) : reject(new Error('rich view missing')));
    script.onerror = () => reject(new Error('rich view not loaded'));
    document.head.append(script);
  }).catch((err) => {
    chunk = null;
    throw err;
  });
  return chunk;
}

export interface RichHost {
  click(messageId: string, c: Omit<RichClickInput, 'messageId'>): void;
  say(text: string): void;
}

/** The text the sender wrote above a rich block (the body's plain-text rendering follows it after a blank line). */
export const richText = (body: string): string => {
  const i = body.lastIndexOf('\n\n');
  return i < 0 ? '' : body.slice(0, i);
};

/** Fills `slot` with the rich block once the renderer is there; `fallback` (the plain text) stays if it never loads. */
export function mountRich(slot: HTMLElement, m: MessageDto, host: RichHost, grew: () => void): void {
  const rich = m.rich;
  if (!rich) return;
  richView()
    .then((build) => {
      slot.replaceChildren(
        build({ rich, t, locale: numberLocale(), origin: location.origin, click: (c) => host.click(m.id, c), say: (text) => host.say(text) }),
      );
      // Quick replies the visitor already answered (they wrote after them) stay shown but can no longer be chosen.
      let next = slot.closest('.msg')?.nextElementSibling;
      while (next && !next.matches('.msg.mine')) next = next.nextElementSibling;
      if (next) answered(slot);
      grew();
    })
    .catch(() => {});
}

/** Turns off the quick-reply buttons under `root`: the visitor has written since. */
export function answered(root: ParentNode): void {
  for (const b of root.querySelectorAll<HTMLButtonElement>('.rich-replies button')) b.disabled = true;
}
