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
  tr?: 1;
}

type Command = ((name: string, a?: unknown, b?: unknown) => void) & { l?: { push(c: unknown[]): unknown } };

((w, d) => {
  const script = (d.currentScript ?? d.querySelector('script[data-website-key]')) as HTMLScriptElement | null;
  const key = script?.dataset.websiteKey;
  // No key also when there is no script to read it from.
  if (!key || (w as unknown as { __sb?: 1 }).__sb) return;
  (w as unknown as { __sb?: 1 }).__sb = 1;
  const origin = new URL((script as HTMLScriptElement).src).origin;
  const q = encodeURIComponent(key);
  // Whether a conversation is under way: not a secret, only a hint to load the chat early.
  const flag = `sb:${key}:active`;
  const active = (v?: string) => {
    try {
      // Storage as properties: shorter than getItem/setItem (an unset flag reads undefined, as falsy as null).
      if (v === undefined) return localStorage[flag];
      localStorage[flag] = v;
    } catch {
      /* storage blocked: the chat loads on first open */
    }
  };

  const host = d.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML =
    '<style>' +
    ':host{all:initial}' +
    '.l,.f{position:fixed;right:20px;border:0;z-index:2147483000}' +
    '.l{bottom:20px;width:56px;height:56px;border-radius:50%;cursor:pointer;background:var(--c);color:var(--t);box-shadow:0 4px 14px #0004;display:grid;place-items:center}' +
    '.l:focus-visible{outline:3px solid var(--t);outline-offset:-6px;box-shadow:0 0 0 3px #fff,0 0 0 6px #111}' +
    '.b{position:absolute;top:-4px;right:-4px;min-width:10px;height:20px;border-radius:10px;background:#c4261d;color:#fff;font:600 12px/20px system-ui;text-align:center;padding:0 5px}' +
    '.f{bottom:88px;width:380px;height:min(640px,100vh - 108px);border-radius:14px;box-shadow:0 8px 32px #0004;background:#fff}' +
    '.left .l,.left .f{right:auto;left:20px}' +
    '@media(max-width:640px){.f{inset:0;width:100%;height:100%;border-radius:0}.open .l{display:none}}' +
    '</style><div class="w"><button class="l" aria-expanded="false">' +
    '<svg width="26" height="26" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>' +
    '<span class="b" hidden></span></button></div>';
  const wrap = root.querySelector('.w') as HTMLElement;
  const launcher = root.querySelector('.l') as HTMLButtonElement;
  const badge = root.querySelector('.b') as HTMLElement;
  let frame: HTMLIFrameElement | undefined;
  let ready = false;
  let open = false;
  let unread = 0;
  // The page's commands for the chat (identify, track…), waiting for it to be ready: handed over then, not kept.
  let held: ToApp[] = [];
  // The page's handlers per event (`Switchboard('on', name, fn)`), called off this stack so one that throws stops nothing here.
  const handlers: Record<string, ((data?: unknown) => void)[]> = {};
  const emit = (name: string, data?: unknown) => setTimeout(() => handlers[name]?.map((f) => f(data)));
  // Shut down (the site's user signed out): the chat forgot its visitor (its event `gone`), the page forgets the chat.
  handlers.gone = [() => host.remove()];
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
    frame.src = `${origin}/widget/frame?key=${q}#o=${encodeURIComponent(location.origin)}`;
    wrap.append(frame);
    return frame;
  }

  /** `quiet`: the chat opens for the visitor to see (an operator wrote first), without taking the focus. */
  function setOpen(value: boolean, quiet?: boolean): void {
    open = value;
    const f = load();
    f.hidden = !value;
    wrap.classList.toggle('open', value);
    // ARIA reflection: shorter than setAttribute, in every browser the chat supports (true/false become text as set).
    launcher.ariaExpanded = value as unknown as string;
    launcher.ariaLabel = labels[+value] as string;
    emit(value ? 'open' : 'close');
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
    badge.hidden = !unread;
    // Numbers become text as they are set.
    badge.textContent = unread as unknown as string;
    const base = d.title.replace(/^\(\d+\) /, '');
    d.title = unread ? `(${unread}) ${base}` : base;
  }

  // Our own button in our own shadow root: its click property is ours to set (shorter than a listener).
  launcher.onclick = () => setOpen(!open);

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
      held.map(post);
      held = [];
    } else if (m.type === 'event') emit(m.name, m.data);
    else if (m.type === 'close') setOpen(false);
    else if (m.type === 'open') open || setOpen(true, true);
    else if (m.type === 'unread') setUnread(m.count);
    else if (m.type === 'active') active(m.active ? '1' : '');
  });

  // The page's commands (installed once the look is known): the launcher's own here, the rest for the chat (src/app/sdk.ts).
  const command: Command = (name, a, b) => {
    // Every call, for the trigger script (src/triggers/) when the inbox has triggers: it reads the log, then takes it over.
    command.l?.push([name, a, b]);
    if (name === 'on') handlers[a as string] = (handlers[a as string] ?? []).concat(b as () => void);
    else if (name === 'off') handlers[a as string] = handlers[a as string]?.filter((f) => f !== b) as [];
    else if (name === 'open' || (name === 'toggle' && !open)) open || setOpen(true);
    else if (name === 'close' || name === 'toggle') open && setOpen(false);
    else {
      // The chat loads now (hidden), so an identity or an event holds before the chat is first opened.
      load();
      const m: ToApp = { ns: NS, type: 'command', name, args: [a, b] };
      ready ? post(m) : held.push(m);
    }
  };
  const global = w as unknown as { Switchboard?: Command & { q?: Parameters<Command>[] } };

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

  // The look answers only pages allowed to embed this chat: elsewhere (or if the server is unreachable) nothing is drawn
  // (a refusal has no JSON to read: `(0).json` is no function, so the promise fails as an unreachable server's does).
  const body = new Promise((r) => (d.body ? r(0) : d.addEventListener('DOMContentLoaded', r)));
  Promise.all([fetch(`${origin}/api/v1/widget/look?key=${q}`).then((r) => (r.ok ? r : (0 as unknown as Response)).json()), body]).then(
    ([look]: [Look, unknown]) => {
      labels = look.labels;
      launcher.ariaLabel = labels[0];
      wrap.style.cssText = `--c:${look.color};--t:${look.textColor}`;
      wrap.classList.add(look.position);
      d.body.append(host);
      // The inbox has proactive triggers: their script (src/triggers/main.ts) evaluates them on this page.
      if (look.tr) {
        command.l = [];
        import(`${origin}/widget/triggers.js`);
      }
      if (active()) load();
      else if (look.track) {
        // Pages are tracked: the chat connects hidden, once the page has loaded and the browser is idle (at once where
        // browsers have no idle callback: setTimeout reads the options as no delay).
        const idle = () => ((w.requestIdleCallback ?? setTimeout) as typeof requestIdleCallback)(load, { timeout: 3000 });
        d.readyState === 'complete' ? idle() : w.addEventListener('load', idle);
      }
      // The page's calls so far waited in the stub's queue (Switchboard.q), until the chat may show on this page.
      const queued = global.Switchboard?.q;
      global.Switchboard = command;
      emit('ready');
      queued?.map((args) => command(...args));
    },
    () => {},
  );
})(window, document);
