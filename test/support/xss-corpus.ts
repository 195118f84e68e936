/**
 * The XSS corpus of the knowledge base: what an editor (or a stolen editor
 * account) might put in an article's Markdown, title, description or slug, or
 * a visitor in a help-centre search. Every payload that runs sets
 * `window.__xss` (or opens a dialog), so a browser test can tell that nothing
 * executed; `executable()` finds what could run in server-made HTML.
 */

/** Each one sets window.__xss to its number if it ever runs. */
export const XSS_PAYLOADS: string[] = [
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=2"></svg>',
  '<script>window.__xss=3</script>',
  '"><img src=x onerror=window.__xss=4>',
  "'><svg/onload=window.__xss=5>",
  '</title><script>window.__xss=6</script>',
  '<iframe srcdoc="<script>parent.__xss=7</script>"></iframe>',
  '[click me](javascript:window.__xss=8)',
  '<a href="jav&#x09;ascript:window.__xss=9">tab in the scheme</a>',
  '![x" onerror="window.__xss=10](https://example.com/a.png)',
  '<details open ontoggle="window.__xss=11">x</details>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=12">',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=13>">',
  '<input autofocus onfocus="window.__xss=14">',
  '<body onload="window.__xss=15">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=16">',
  '</script><script>window.__xss=17</script>',
  '[ref][r]\n\n[r]: javascript:window.__xss=18',
  '<a href="data:text/html,<script>parent.__xss=19</script>">data link</a>',
  '![y](javascript:window.__xss=20)',
  '`<img src=x onerror="window.__xss=21">` in code',
  '```html\n<img src=x onerror="window.__xss=22">\n```',
  '<object data="javascript:window.__xss=23"></object>',
  '<style>@import "javascript:window.__xss=24";</style>',
  '<div style="background:url(javascript:window.__xss=25)">styled</div>',
  '{{constructor.constructor("window.__xss=26")()}}',
  '<base href="javascript:window.__xss=27//">',
  '[x](https://example.com/" onmouseover="window.__xss=28)',
  '<form action="javascript:window.__xss=29"><button>go</button></form>',
  '<IMG SRC="jav&#x0A;ascript:window.__xss=30">',
];

/** A title (at most 200 characters) made of payloads, for article and category names. */
export const XSS_TITLE = '<img src=x onerror="window.__xss=101"><script>window.__xss=102</script>"><svg onload=window.__xss=103>';

/** Slugs the API must refuse (only lower-case letters, digits and hyphens are slugs). */
export const XSS_SLUGS = [
  '"><script>window.__xss=201</script>',
  'x" onmouseover="window.__xss=202',
  'javascript:window.__xss=203',
  '../<img src=x onerror=window.__xss=204>',
];

/** The whole corpus as one Markdown body. */
export const XSS_MARKDOWN = XSS_PAYLOADS.join('\n\n');

const BAD_TAGS = [
  'script',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'style',
  'form',
  'details',
  'div',
  'button',
  'base',
  'frame',
  'marquee',
  'meta',
  'input',
  'body',
  'noscript',
];

/**
 * Everything in HTML that could run: tags that are never allowed (`allowTags`
 * for those the page itself uses, like its own <meta> or <style>), event
 * handler attributes, and javascript:, vbscript: or data: (or protocol-relative) addresses.
 */
export function executable(html: string, allowTags: string[] = []): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<([a-z][a-z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/gi)) {
    const tag = (m[1] ?? '').toLowerCase();
    if (BAD_TAGS.includes(tag) && !allowTags.includes(tag)) found.push(`<${tag}>`);
    for (const a of (m[2] ?? '').matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      const name = (a[1] ?? '').toLowerCase();
      const value = (a[2] ?? a[3] ?? a[4] ?? '').replace(/&#x?[0-9a-f]+;?|\s/gi, '').toLowerCase();
      if (name.startsWith('on')) found.push(`${name} on <${tag}>`);
      if (name === 'style' && /url\(|expression/.test(value)) found.push(`style ${value}`);
      if (
        ['href', 'src', 'action', 'formaction', 'data', 'srcdoc', 'content'].includes(name) &&
        /^(javascript|vbscript|data):|^\/\/|url=javascript:/.test(value)
      )
        found.push(`${name}=${value}`);
    }
  }
  return found;
}
