/**
 * The message tree as DOM nodes (the widget): elements and text nodes made
 * one by one, never from an HTML string, so no text can become markup.
 */
import { type Block, type Inline, parseMessage } from './format.js';

function inline(doc: Document, parent: Node, c: Inline[]): void {
  for (const n of c) {
    if (n.t === 'text') parent.appendChild(doc.createTextNode(n.v));
    else if (n.t === 'br') parent.appendChild(doc.createElement('br'));
    else if (n.t === 'code') parent.appendChild(doc.createElement('code')).textContent = n.v;
    else if (n.t === 'link') {
      const a = doc.createElement('a');
      a.href = n.href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer nofollow';
      inline(doc, a, n.c);
      parent.appendChild(a);
    } else inline(doc, parent.appendChild(doc.createElement(n.t)), n.c);
  }
}

export function blocksToDom(blocks: Block[], doc: Document = document): DocumentFragment {
  const frag = doc.createDocumentFragment();
  for (const b of blocks) {
    if (b.t === 'p') inline(doc, frag.appendChild(doc.createElement('p')), b.c);
    else {
      const list = frag.appendChild(doc.createElement(b.t));
      if (b.t === 'ol' && b.start !== 1) list.setAttribute('start', String(b.start));
      for (const item of b.items) inline(doc, list.appendChild(doc.createElement('li')), item);
    }
  }
  return frag;
}

export const messageDom = (text: string, doc: Document = document): DocumentFragment => blocksToDom(parseMessage(text), doc);
