/**
 * The words of outgoing mail, as plain text and as HTML. Message text goes
 * through the one renderer (packages/text: messageHtml); every other text
 * (names, subjects, links) is escaped. No script, no remote content.
 */
import { escapeHtml, messageHtml } from '@switchboard/text';

export interface MailPart {
  author: string;
  body: string;
}

const STYLE = 'font:15px/1.5 system-ui,sans-serif;color:#1d2430;max-width:640px';

function page(inner: string, footer: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body><div style="${STYLE}">${inner}<p style="font-size:13px;color:#545d6b;border-top:1px solid #e3e7ee;padding-top:8px">${escapeHtml(footer)}</p></div></body></html>`;
}

/** Operator messages of a conversation, each with its author: the reply itself, or what the visitor has not seen. */
export function conversationMail(parts: MailPart[], footer: string): { text: string; html: string } {
  const text = `${parts.map((p) => `${p.author}:\n${p.body}`).join('\n\n')}\n\n-- \n${footer}\n`;
  const html = page(
    parts.map((p) => `<p style="margin:16px 0 4px"><strong>${escapeHtml(p.author)}</strong></p><div>${messageHtml(p.body)}</div>`).join(''),
    footer,
  );
  return { text, html };
}

/** A short notice to an operator (mentions, assignments, tasks), with a link to open. */
export function noticeMail(lines: string[], link: string | null): { text: string; html: string } {
  const text = `${lines.join('\n\n')}${link ? `\n\n${link}` : ''}\n`;
  const html = page(
    `${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}${link ? `<p><a href="${escapeHtml(link)}">Open in Switchboard</a></p>` : ''}`,
    'You get this mail because you asked for it in your profile settings.',
  );
  return { text, html };
}

export const REPLY_FOOTER = 'Reply to this email to answer; your reply reaches the same conversation.';
