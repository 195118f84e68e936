/**
 * A worded transcript as a file: an HTML page (message text through the one
 * renderer of packages/text, every other text escaped; no script, and a
 * policy that allows none) or plain text.
 */
import { escapeHtml, fileSize, messageHtml } from '@switchboard/text';
import { attachmentLabel } from './compose.js';
import type { Transcript } from './transcript.js';

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;color:#1d2430;max-width:720px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}header p{margin:0;color:#545d6b}ol{list-style:none;padding:0;margin:24px 0}
li{margin:0 0 14px}.meta{font-size:13px;color:#545d6b;margin:0 0 2px}.meta strong{color:#1d2430}
.body{padding:8px 12px;border-radius:12px;background:#f1f3f6;overflow-wrap:anywhere}.mine .body{background:#e7efff}
.body p,.body ul,.body ol{margin:0}.body *+p{margin-top:.5em}.event{text-align:center;font-size:13px;color:#545d6b}
.files{margin:4px 0 0;padding:0;list-style:none}.summary{background:#f7f8fa;border-radius:8px;padding:8px 12px;margin:16px 0}
.summary h2{font-size:16px;margin:0}.summary h3{font-size:14px;margin:8px 0 0}.summary ul{margin:0;padding-left:20px}footer{font-size:13px;color:#545d6b;border-top:1px solid #e3e7ee;padding-top:8px}`;

export function transcriptHtml(tr: Transcript): string {
  const items = tr.lines
    .map((l) => {
      if (l.kind === 'event') return `<li class="event"><time datetime="${l.iso}">${escapeHtml(l.at)}</time> · ${escapeHtml(l.text)}</li>`;
      const files = l.files.length
        ? `<ul class="files">${l.files
            .map((f) => {
              // "Attachment: {name}" with the name as the link, wherever the language puts it.
              const [before = '', after = ''] = attachmentLabel(tr.lang, '\u0000').split('\u0000');
              const link = `<a href="${escapeHtml(f.url)}">${escapeHtml(f.name)}</a>`;
              return `<li>${escapeHtml(before)}${link}${escapeHtml(after)} (${fileSize(f.size)})</li>`;
            })
            .join('')}</ul>`
        : '';
      const body = l.body ? `<div class="body">${messageHtml(l.body)}</div>` : '';
      return `<li class="${l.mine ? 'mine' : 'theirs'}"><p class="meta"><strong>${escapeHtml(l.author)}</strong> <time datetime="${l.iso}">${escapeHtml(l.at)}</time></p>${body}${files}</li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${tr.lang}" dir="${tr.rtl ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${tr.title} · ${tr.subtitle}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(tr.title)}</h1><p>${escapeHtml(tr.subtitle)}</p><p>${escapeHtml(tr.started)}</p></header>
${summaryHtml(tr)}<ol>
${items}
</ol>
<footer>${tr.footer.map((f) => `<p>${escapeHtml(f)}</p>`).join('')}</footer>
</body>
</html>
`;
}

function summaryHtml(tr: Transcript): string {
  if (!tr.summary) return '';
  const parts = tr.summary.parts.map((p) => `<h3>${escapeHtml(p.heading)}</h3><ul>${p.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`);
  return `<section class="summary" aria-label="Conversation summary"><h2>${escapeHtml(tr.summary.title)}</h2>${parts.join('')}</section>\n`;
}

export function transcriptText(tr: Transcript): string {
  const out = [tr.title, tr.subtitle, tr.started, ''];
  if (tr.summary) {
    out.push(tr.summary.title);
    for (const p of tr.summary.parts) out.push(`${p.heading}:`, ...p.lines.map((l) => `  - ${l}`));
    out.push('');
  }
  for (const l of tr.lines) {
    if (l.kind === 'event') {
      out.push(`[${l.at}] — ${l.text} —`);
      continue;
    }
    // The text as written (its formatting marks are plain text already).
    out.push(`[${l.at}] ${l.author}: ${l.body.replace(/\r?\n/g, '\n    ')}`);
    for (const f of l.files) out.push(`    ${attachmentLabel(tr.lang, f.name)} <${f.url}>`);
  }
  out.push('', ...tr.footer, '');
  return out.join('\n');
}
