/**
 * The widget loader: the only script a website embeds. It asks the server how
 * the launcher looks for this page (colour, text colour, side), draws it only
 * when the page may embed the chat, and loads the chat app into an iframe on
 * first open (or at once when a conversation is under way, so replies can
 * raise the unread badge). It keeps no credential: the visitor token lives in
 * the chat app's own storage. Kept tiny: no dependencies.
 */
import { NS, type PageInfo, type ToApp, type ToLoader } from './bridge.js';

interface Look {
  color: string;
  textColor: string;
  position: 'left' | 'right';
  /** The launcher's names and the chat frame's title in the visitor's language. */
  labels: [string, string, string];
  track?: boolean;
}

((w, d) => {
  const script = (d.currentScript ?? d.querySelector('script[data-website-key]')) as HTMLScriptElement | null;
  const key = script?.dataset.websiteKey;
  if (!script || !key || (w as unknown as { __sb?: 1 }).__sb) return;
  (w as unknown as { __sb?: 1 }).__sb = 1;
  const origin = new URL(script.src).origin;
  const q = encodeURIComponent(key);
  // Whether a conversation is under way: not a secret, only a hint to load the chat early.
  const flag = `sb:${key}:active`;
  const active = (v?: string) => {
    try {
      if (v === undefined) return localStorage.getItem(flag);
      localStorage.setItem(flag, v);
    } catch {
      /* storage blocked: the chat loads on first open */
    }
    return null;
  };

  const host = d.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML =
    '<style>' +
    ':host{all:initial}' +
    '.l,.f{position:fixed;right:20px;border:0;z-index:2147483000}' +
    '.l{bottom:20px;width:56px;height:56px;border-radius:50%;cursor:pointer;background:var(--c);color:var(--t);box-shadow:0 4px 14px rgba(0,0,0,.25);display:grid;place-items:center}' +
    '.l:focus-visible{outline:3px solid var(--t);outline-offset:-6px;box-shadow:0 0 0 3px #fff,0 0 0 6px #111}' +
    '.b{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;border-radius:10px;background:#c4261d;color:#fff;font:600 12px/20px system-ui,sans-serif;text-align:center;padding:0 5px;box-sizing:border-box}' +
    '.f{bottom:88px;width:380px;height:min(640px,calc(100vh - 108px));border-radius:14px;box-shadow:0 8px 32px rgba(0,0,0,.25);background:#fff}' +
    '.left .l,.left .f{right:auto;left:20px}' +
    '@media (max-width:640px){.f{inset:0;width:100%;height:100%;border-radius:0}.open .l{display:none}}' +
    '[hidden]{display:none!important}' +
    '</style><div class="w"><button class="l" type="button" aria-expanded="false">' +
    '<svg width="26" height="26" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>' +
    '<span class="b" hidden></span></button></div>';
  const wrap = root.querySelector('.w') as HTMLElement;
  const launcher = root.querySelector('.l') as HTMLButtonElement;
  const badge = root.querySelector('.b') as HTMLElement;
  let frame: HTMLIFrameElement | null = null;
  let ready = false;
  let open = false;
  let unread = 0;
  // An identification waiting for the chat to be ready: handed over then, not kept.
  let held: ToApp | 0 = 0;
  let labels: Look['labels'];

  const page = (): PageInfo => ({ url: location.href, title: d.title, referrer: d.referrer });
  const full = () => w.matchMedia('(max-width:640px)').matches;
  const post = (m: ToApp) => ready && frame?.contentWindow?.postMessage(m, origin);

  function load(): HTMLIFrameElement {
    if (frame) return frame;
    frame = d.createElement('iframe');
    frame.className = 'f';
    frame.title = labels[2];
    frame.hidden = true;
    frame.allow = 'clipboard-write';
    frame.src = `${origin}/widget/frame?key=${q}#o=${encodeURIComponent(location.origin)}`;
    wrap.appendChild(frame);
    return frame;
  }

  /** `quiet`: the chat opens for the visitor to see (an operator wrote first), without taking the focus. */
  function setOpen(value: boolean, quiet?: boolean): void {
    open = value;
    const f = load();
    f.hidden = !value;
    wrap.classList.toggle('open', value);
    // ARIA reflection: shorter than setAttribute, in every browser the chat supports.
    launcher.ariaExpanded = `${value}`;
    launcher.ariaLabel = labels[+value] as string;
    if (value) {
      setUnread(0);
      // Focus moves into the chat (a cross-origin frame may not take it by itself).
      quiet || f.focus();
      post({ ns: NS, type: 'open', full: full() });
    } else {
      post({ ns: NS, type: 'hide' });
      launcher.focus();
    }
  }

  function setUnread(n: number): void {
    unread = open ? 0 : n;
    badge.hidden = unread === 0;
    badge.textContent = `${unread}`;
    const base = d.title.replace(/^\(\d+\) /, '');
    d.title = unread ? `(${unread}) ${base}` : base;
  }

  launcher.addEventListener('click', () => setOpen(!open));

  w.addEventListener('message', (e) => {
    // From our own frame only (origin and window), in our namespace.
    const m = e.data as ToLoader;
    if (!frame || e.origin !== origin || e.source !== frame.contentWindow || m?.ns !== NS) return;
    if (m.type === 'ready') {
      ready = true;
      // Opened while the chat was still loading: its document took the place of the one focused, so the browser's focus
      // is back on the page. Moving it off the frame and back puts it in the chat, where the visitor types.
      if (open) {
        frame.blur();
        frame.focus();
      }
      post({ ns: NS, type: 'init', page: page(), open, full: full() });
      if (held) post(held);
      held = 0;
    } else if (m.type === 'close') setOpen(false);
    else if (m.type === 'open') open || setOpen(true, true);
    else if (m.type === 'unread') setUnread(m.count);
    else if (m.type === 'active') active(m.active ? '1' : '');
  });

  // The page's commands (installed once the look is known).
  const command = (name: string, user?: unknown, options?: unknown) => {
    if (name === 'identify') {
      // The chat loads now, so the identity holds before it is first opened.
      held = { ns: NS, type: 'identify', user, options };
      load();
      if (ready) {
        post(held);
        held = 0;
      }
    } else if (name === 'open') open || setOpen(true);
    else if (name === 'close') open && setOpen(false);
    else console.warn('Switchboard: unknown command', name);
  };
  const global = w as unknown as { Switchboard?: typeof command & { q?: Parameters<typeof command>[] } };

  // Single-page sites change pages without reloading: report those too.
  const report = () => post({ ns: NS, type: 'page', page: page() });
  for (const fn of ['pushState', 'replaceState'] as const) {
    const orig = history[fn];
    history[fn] = function (this: History, ...args: Parameters<History['pushState']>) {
      orig.apply(this, args);
      setTimeout(report);
    };
  }
  w.addEventListener('popstate', report);

  // The look answers only pages allowed to embed this chat: elsewhere (or if the server is unreachable) nothing is drawn.
  const body = new Promise((r) => (d.body ? r(0) : d.addEventListener('DOMContentLoaded', r)));
  Promise.all([fetch(`${origin}/api/v1/widget/look?key=${q}`).then((r) => (r.ok ? r.json() : Promise.reject())), body]).then(
    ([look]: [Look, unknown]) => {
      labels = look.labels;
      launcher.ariaLabel = labels[0];
      wrap.style.setProperty('--c', look.color);
      wrap.style.setProperty('--t', look.textColor);
      wrap.classList.toggle('left', look.position === 'left');
      d.body.appendChild(host);
      if (active()) load();
      else if (look.track) {
        // Pages are tracked: the chat connects hidden, once the page has loaded and the browser is idle.
        const idle = () => (w.requestIdleCallback ? w.requestIdleCallback(load, { timeout: 3000 }) : setTimeout(load));
        d.readyState === 'complete' ? idle() : w.addEventListener('load', idle);
      }
      // The page's calls so far waited in the stub's queue (Switchboard.q), until the chat may show on this page.
      const queued = global.Switchboard?.q;
      global.Switchboard = command;
      queued?.map((args) => command(...args));
    },
    () => {},
  );
})(window, document);
