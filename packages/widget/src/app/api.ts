/** The widget's HTTP calls, authenticated with the visitor token and the website key. */
import type { AttachmentDto, ConversationSummary, MessageDto } from '@switchboard/protocol';
import type { Identity } from './identity.js';

/** The inbox as its visitors see it (no internal name: the header shows the team name). */
export interface Look {
  greeting: string;
  teamName: string;
  color: string;
  /** Text colour that reads on `color` (WCAG AA), chosen by the server. */
  textColor: string;
  position: 'left' | 'right';
  /** Operators see what the visitor types before it is sent: the chat says so. */
  sneakPeek?: boolean;
  /** Only visitors the website vouches for (identity hash) may write. */
  identityRequired?: boolean;
}

export interface Session {
  visitorId: string;
  visitorToken: string;
  inbox: Look;
  /** The website vouched for this visitor (identity hash). */
  verified?: boolean;
  conversations: ConversationSummary[];
}

export class Api {
  token = '';
  constructor(readonly websiteKey: string) {}

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, 'x-website-key': this.websiteKey };
  }

  private async json<T>(res: Response): Promise<T> {
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(body?.error?.message ?? `Request failed (${res.status})`);
    return body as T;
  }

  async session(visitorToken: string | null, pageOrigin: string): Promise<Session> {
    const res = await fetch('/api/v1/widget/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ websiteKey: this.websiteKey, pageOrigin, ...(visitorToken ? { visitorToken } : {}) }),
    });
    const s = await this.json<Session>(res);
    this.token = s.visitorToken;
    return s;
  }

  /** What the website says about the visitor; the answer says whether its hash vouched for it, and what they may see now. */
  async identify(identity: Identity): Promise<{ verified: boolean; conversations: ConversationSummary[] }> {
    const res = await fetch('/api/v1/widget/identify', {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/json' },
      body: JSON.stringify(identity),
    });
    return this.json(res);
  }

  async conversations(): Promise<ConversationSummary[]> {
    return (await this.json<{ items: ConversationSummary[] }>(await fetch('/api/v1/widget/conversations', { headers: this.headers() }))).items;
  }

  async earlier(conversationId: string, before: number): Promise<{ messages: MessageDto[]; hasEarlier: boolean }> {
    const res = await fetch(`/api/v1/widget/conversations/${conversationId}/messages?before=${before}&limit=50`, { headers: this.headers() });
    return this.json(res);
  }

  async upload(file: File, conversationId: string | null): Promise<{ conversationId: string; attachment: AttachmentDto }> {
    const form = new FormData();
    form.append('file', file);
    const q = conversationId ? `?conversationId=${conversationId}` : '';
    const res = await fetch(`/api/v1/widget/attachments${q}`, { method: 'POST', headers: this.headers(), body: form });
    return this.json(res);
  }

  /** Attachments need the visitor's credentials, so they are fetched and shown from a blob URL. */
  async blobUrl(url: string): Promise<string> {
    const res = await fetch(url, { headers: this.headers() });
    if (!res.ok) throw new Error('Could not load the file');
    return URL.createObjectURL(await res.blob());
  }
}
