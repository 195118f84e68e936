/**
 * Who the website says the visitor is: `Switchboard('identify', { id, email,
 * name, attributes }, { hash })` on the page reaches the chat over the
 * bridge, is checked here and sent to the server, which alone decides
 * whether the hash vouches for it. And what the chat says when its inbox
 * lets only visitors the website vouches for write.
 */
import { h } from './dom.js';
import type { ChatView } from './chat-view.js';
import { t } from './i18n.js';

/** What the server is sent (POST /api/v1/widget/identify). */
export interface Identity {
  id?: string;
  name?: string;
  email?: string;
  attributes?: Record<string, string | number | boolean>;
  hash?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** The identity the page gave (`{ id, hash, email, name, attributes }`), or why it is ignored (said in the page's console). */
export function identityFromPage(user: unknown, options: unknown): Identity | string {
  if (!isObject(user)) return 'give an object: { id, email, name, attributes }';
  const out: Identity = {};
  if (user.id !== undefined) {
    if (!text(user.id, 200)) return 'id must be a string of up to 200 characters';
    out.id = user.id as string;
  }
  if (user.name !== undefined) {
    if (!text(user.name, 200)) return 'name must be a string of up to 200 characters';
    out.name = user.name as string;
  }
  if (user.email !== undefined) {
    if (!text(user.email, 254) || !/^[^\s@]+@[^\s@]+$/.test(user.email as string)) return 'email must be an email address';
    out.email = user.email as string;
  }
  if (user.attributes !== undefined) {
    const problem = checkAttributes(user.attributes);
    if (problem) return problem;
    out.attributes = user.attributes as Identity['attributes'];
  }
  // The hash in the user object (`{ id, hash }`), or apart as `{ hash }` (the form of earlier versions).
  const hash = isObject(options) && options.hash !== undefined ? options.hash : user.hash;
  if (hash !== undefined) {
    if (!text(hash, 200)) return 'hash must be the hex HMAC-SHA256 of the id, computed on your server';
    if (out.id === undefined) return 'a hash needs the id it was computed from';
    out.hash = hash as string;
  }
  if (Object.keys(out).length === 0) return 'nothing to identify';
  return out;
}

/** Why custom attributes (or an event's data) are refused, or null: a flat object of at most 50 texts, numbers and booleans. */
export function checkAttributes(a: unknown): string | null {
  if (!isObject(a) || Object.keys(a).length > 50) return 'attributes must be a flat object of at most 50 keys';
  for (const v of Object.values(a)) {
    if (!(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) {
      return 'attribute values must be strings, numbers or booleans';
    }
  }
  return null;
}

/** Locks the composer, saying why, while the inbox requires an identity the website vouches for and this visitor has none. */
export function showSignInNeeded(view: ChatView, needed: boolean): void {
  let note = view.root.querySelector<HTMLElement>('#sign-in');
  if (needed && !note) {
    note = h('p', { class: 'sign-in', id: 'sign-in' }, t('signInToChat'));
    view.input.form?.before(note);
  }
  if (note) note.hidden = !needed;
  for (const control of [view.input, view.send, view.attach]) control.disabled = needed;
  const described = (view.input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== 'sign-in');
  if (needed) described.push('sign-in');
  if (described.length) view.input.setAttribute('aria-describedby', described.join(' '));
  else view.input.removeAttribute('aria-describedby');
}
