/**
 * The proactive triggers' script (dist/triggers.js): the loader imports it on
 * pages of inboxes that have enabled triggers (its look says `tr`), so other
 * sites pay nothing for it. It fetches the inbox's rules once (cacheable, in
 * the visitor's language), follows this page (time on it, the visit's pages,
 * referrer and UTM tags, the page's `track` events, the pointer leaving toward
 * the top) and, when a rule holds (evaluate.ts), shows its message beside the
 * launcher: a region named "Message from <sender>", with Reply (opens the
 * chat, whose conversation starts with this message) and "Dismiss message".
 * The impression is recorded by the chat app (it holds the visitor's token):
 * the script hands it the `trigger` command through the page's SDK, which
 * loads the chat hidden if it is not yet. Caps are kept in this site's
 * storage and checked again by the server.
 */
import type { WidgetTrigger, WidgetTriggers } from '@switchboard/protocol';
import { nextVisit, type PageState, pick, type ShownLog, type TrackedEvent, variantOf, type VisitRecord } from './evaluate.js';

type Sdk = ((name: string, a?: unknown, b?: unknown) => void) & { l?: { push(c: unknown[]): unknown } | unknown[] };

const w = window;
const d = document;
const key = (d.querySelector('script[data-website-key]') as HTMLScriptElement | null)?.dataset.websiteKey;
const origin = new URL(import.meta.url).origin;
const sdk = (w as unknown as { Switchboard?: Sdk }).Switchboard;

const store = {
  get<T>(name: string): T | null {
    try {
      return JSON.parse(localStorage.getItem(`sb:${key}:${name}`) ?? 'null') as T | null;
    } catch {
      return null;
    }
  },
  set(name: string, value: unknown): void {
    try {
      localStorage.setItem(`sb:${key}:${name}`, JSON.stringify(value));
    } catch {
      /* storage blocked: caps hold for this page only (the server still checks them) */
    }
  },
};
const randomId = () => Math.random().toString(36).slice(2, 12) + Date.now().toString(36);

async function start(): Promise<void> {
  if (!key || !sdk) return;
  const res = await fetch(`${origin}/api/v1/widget/triggers?key=${encodeURIComponent(key)}`);
  if (!res.ok) return;
  const rules = (await res.json()) as WidgetTriggers;
  if (rules.triggers.length === 0) return;

  const visitorKey = store.get<string>('k') ?? randomId();
  store.set('k', visitorKey);
  let visit: VisitRecord = nextVisit(store.get<VisitRecord>('v'), { now: Date.now(), url: location.href, referrer: d.referrer, newId: randomId() });
  store.set('v', visit);
  let url = location.href;
  let pageSince = Date.now();
  let exited = false;
  let chatOpen = false;
  let showing: HTMLElement | null = null;
  let held: Record<string, number> = {};
  const touch = w.matchMedia('(pointer: coarse)').matches;

  const state = (): PageState => ({
    url: location.href,
    referrer: visit.referrer,
    utm: visit.utm,
    now: Date.now(),
    pageSince,
    pagesViewed: visit.n,
    returning: visit.count > 1,
    events: visit.events,
    exited,
    touch,
    available: rules.available,
    open: rules.open,
    visitId: visit.id,
    shown: store.get<ShownLog>('s') ?? {},
  });

  const tick = () => {
    const now = Date.now();
    if (location.href !== url) {
      // A single-page site moved on: a new page of the same visit.
      url = location.href;
      pageSince = now;
      exited = false;
      held = {};
      visit = nextVisit(store.get<VisitRecord>('v') ?? visit, { now, url, referrer: d.referrer, newId: randomId() });
      store.set('v', visit);
    }
    if (showing || chatOpen) return;
    const t = pick(rules.triggers, state(), held);
    if (t) show(t);
  };

  const track = (c: unknown[]) => {
    const [name, event, data] = c as [string, unknown, unknown];
    if (name === 'open') chatOpen = true;
    if (name === 'close') chatOpen = false;
    if (name !== 'track' || typeof event !== 'string') return;
    const e: TrackedEvent = { name: event, data: data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined };
    visit = { ...(store.get<VisitRecord>('v') ?? visit), events: [...visit.events, e].slice(-20) };
    store.set('v', visit);
    tick();
  };
  // The page's calls so far (the loader's log), then each as it is made.
  const log = Array.isArray(sdk.l) ? sdk.l : [];
  for (const c of log) track(c as unknown[]);
  sdk.l = { push: track };
  sdk('on', 'open', () => {
    chatOpen = true;
    hide();
  });
  sdk('on', 'close', () => {
    chatOpen = false;
  });

  // Exit intent: the pointer leaves the window through its top edge (toward the tabs and the address bar).
  d.addEventListener('mouseout', (e) => {
    if (!e.relatedTarget && e.clientY <= 0) {
      exited = true;
      tick();
    }
  });

  function hide(): void {
    showing?.remove();
    showing = null;
  }

  function show(t: WidgetTrigger): void {
    const variant = variantOf(t, visitorKey);
    const text = variant === 'b' && t.b !== null ? t.b : t.a;
    const shown = store.get<ShownLog>('s') ?? {};
    shown[t.id] = { at: Date.now(), visit: visit.id };
    store.set('s', shown);
    showing = greeting(rules, t, text, {
      reply: () => {
        hide();
        sdk?.('trigger', { action: 'reply', id: t.id });
        sdk?.('open');
      },
      dismiss: hide,
    });
    d.body.append(showing);
    sdk?.('trigger', { action: 'shown', id: t.id, variant, visitId: visit.id });
  }

  tick();
  setInterval(tick, 1000);
}

const CSS =
  ':host{all:initial}' +
  '.g{position:fixed;bottom:88px;right:20px;z-index:2147483000;max-width:300px;background:#fff;color:#1a1a1a;border-radius:12px;box-shadow:0 8px 28px #0004;padding:12px 36px 12px 12px;font:14px/1.45 system-ui,sans-serif}' +
  '.left{right:auto;left:20px}' +
  '.h{display:flex;align-items:center;gap:8px;margin-bottom:6px;font-weight:600}' +
  '.h img{width:28px;height:28px;border-radius:50%;object-fit:cover}' +
  '.t{margin:0 0 10px;white-space:pre-wrap;overflow-wrap:anywhere}' +
  '.r{border:0;border-radius:8px;padding:7px 14px;font:600 14px system-ui,sans-serif;cursor:pointer;background:var(--c);color:var(--t)}' +
  '.x{position:absolute;top:6px;right:6px;width:28px;height:28px;border:0;border-radius:50%;background:transparent;color:#444;font:20px/1 system-ui;cursor:pointer}' +
  '.x:hover{background:#0001}' +
  'button:focus-visible{outline:3px solid #1a56db;outline-offset:2px}';

/** The message beside the launcher, built with text nodes only (the sender's name and the message are never markup). */
function greeting(rules: WidgetTriggers, t: WidgetTrigger, text: string, on: { reply(): void; dismiss(): void }): HTMLElement {
  const host = d.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, content?: string) => {
    const e = d.createElement(tag);
    e.className = cls;
    if (content !== undefined) e.textContent = content;
    return e;
  };
  const style = d.createElement('style');
  style.textContent = CSS;
  const box = el('div', `g ${rules.position}`);
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', rules.labels.from.replace('{name}', t.sender.name));
  box.style.cssText = `--c:${rules.color};--t:${rules.textColor}`;
  const head = el('div', 'h');
  if (t.sender.avatarUrl) {
    const img = el('img', '');
    img.alt = '';
    img.src = new URL(t.sender.avatarUrl, origin).href;
    head.append(img);
  }
  head.append(el('span', '', t.sender.name));
  const reply = el('button', 'r', rules.labels.reply);
  reply.type = 'button';
  reply.onclick = on.reply;
  const close = el('button', 'x', '×');
  close.type = 'button';
  close.setAttribute('aria-label', rules.labels.dismiss);
  close.onclick = on.dismiss;
  box.append(head, el('p', 't', text), reply, close);
  root.append(style, box);
  return host;
}

void start().catch(() => {
  /* the rules could not be read: no trigger on this page */
});
