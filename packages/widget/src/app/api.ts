/** The widget's HTTP calls, authenticated with the visitor token and the website key. Failures throw a WidgetError with the server's code. */
import type { ArticleSuggestion, AttachmentDto, ConversationSummary, MessageDto, RichClickInput, WidgetArticle } from '@switchboard/protocol';
import type { Identity } from './identity.js';
import type { Language } from '../i18n/languages.js';
import type { FormsLook } from '../forms/rules.js';
import { WidgetError } from './errors.js';

export interface TeamMember {
  name: string;
  avatarUrl: string | null;
}

/** The inbox as its visitors see it, in their language (no internal name: the header shows the team name). */
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
  sound: boolean;
  askRating: boolean;
  replyTime: { kind: 'minutes' | 'hour' | 'day' | 'measured'; ms: number | null } | null;
  /** Operators' pictures (or initials) in the header and beside their messages. */
  showAvatars: boolean;
  team: TeamMember[];
  /** Operators' pictures by operator id. */
  avatars: Record<string, string>;
  /** Whether an operator is available, and the offline and pre-chat forms in the visitor's language. */
  forms: FormsLook;
}

export type { ArticleSuggestion, WidgetArticle } from '@switchboard/protocol';

export interface Session {
  visitorId: string;
  visitorToken: string;
  inbox: Look;
  /** The website vouched for this visitor (identity hash). */
  verified?: boolean;
  /** A verified visitor's email, as the website gave it. */
  email?: string | null;
  conversations: ConversationSummary[];
  nextCursor: string | null;
}

export interface EventAnswer {
  conversation: ConversationSummary;
  message: MessageDto | null;
}

/** A form started a conversation with the visitor's first message (`replyTo`: where the offline reply goes). */
export interface FormAnswer {
  conversation: ConversationSummary;
  replyTo?: string;
}

export class Api {
  token = '';
  constructor(readonly websiteKey: string) {}

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, 'x-website-key': this.websiteKey };
  }

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(path, { ...init, headers: { ...this.headers(), ...(init.headers as Record<string, string>) } });
    } catch {
      throw new WidgetError('network');
    }
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new WidgetError(body?.error?.code ?? (res.status >= 500 ? 'server_error' : 'bad_request'), body?.error?.details);
    return body as T;
  }

  private json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async session(visitorToken: string | null, pageOrigin: string, language: Language): Promise<Session> {
    const s = await this.call<Session>(
      '/api/v1/widget/session',
      this.json('POST', { websiteKey: this.websiteKey, pageOrigin, language, ...(visitorToken ? { visitorToken } : {}) }),
    );
    this.token = s.visitorToken;
    return s;
  }

  /** What the website says about the visitor; the answer says whether its hash vouched for it, and what they may see now. */
  identify(identity: Identity): Promise<{ verified: boolean; conversations: ConversationSummary[] }> {
    return this.call('/api/v1/widget/identify', this.json('POST', identity));
  }

  /** `Switchboard('track', name, data)`: an event of the visitor's, kept with their activity. */
  track(event: { name: string; data?: Record<string, unknown> }): Promise<{ id: string }> {
    return this.call('/api/v1/widget/events', this.json('POST', event));
  }

  conversations(cursor?: string): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> {
    return this.call(`/api/v1/widget/conversations${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
  }

  earlier(conversationId: string, before: number): Promise<{ messages: MessageDto[]; hasEarlier: boolean }> {
    return this.call(`/api/v1/widget/conversations/${conversationId}/messages?before=${before}&limit=50`);
  }

  end(conversationId: string): Promise<EventAnswer> {
    return this.call(`/api/v1/widget/conversations/${conversationId}/end`, { method: 'POST' });
  }

  rate(conversationId: string, rating: number, comment: string): Promise<EventAnswer> {
    return this.call(`/api/v1/widget/conversations/${conversationId}/rating`, this.json('PUT', { rating, comment }));
  }

  /** The offline form or the pre-chat form, with the first message (`clientId`: sending it again starts one conversation). */
  form(kind: 'offline-message' | 'pre-chat', body: Record<string, unknown>): Promise<FormAnswer> {
    return this.call(`/api/v1/widget/${kind}`, this.json('POST', body));
  }

  /** "Talk to a person": the virtual agent hands the visitor's conversation over to people. */
  handover(conversationId: string): Promise<{ handedOver: boolean }> {
    return this.call(`/api/v1/widget/conversations/${conversationId}/handover`, { method: 'POST' });
  }

  /** The transcript by mail, to the address the visitor gave (the answer names it). */
  emailTranscript(conversationId: string): Promise<{ recipient: string }> {
    return this.call(`/api/v1/widget/conversations/${conversationId}/transcript/email`, { method: 'POST' });
  }

  /** `fresh`: a new conversation for the file even when another is open ("New conversation"). */
  upload(file: File, conversationId: string | null, fresh: boolean): Promise<{ conversationId: string; attachment: AttachmentDto }> {
    const form = new FormData();
    form.append('file', file);
    const q = conversationId ? `?conversationId=${conversationId}` : fresh ? '?newConversation=true' : '';
    return this.call(`/api/v1/widget/attachments${q}`, { method: 'POST', body: form });
  }

  /** Published articles that answer what the visitor is typing, in their language first (at most three). */
  async suggest(q: string, locale: string): Promise<ArticleSuggestion[]> {
    return (await this.call<{ items: ArticleSuggestion[] }>(`/api/v1/widget/articles/suggest?q=${encodeURIComponent(q)}&locale=${locale}`)).items;
  }

  /** An article to read in the widget: its HTML is sanitised by the server (the view is counted there). */
  article(id: string): Promise<WidgetArticle> {
    return this.call(`/api/v1/widget/articles/${encodeURIComponent(id)}`);
  }

  /** "Did this help?": the last answer counts. */
  async vote(id: string, helpful: boolean): Promise<void> {
    await this.call(`/api/v1/widget/articles/${encodeURIComponent(id)}/vote`, this.json('POST', { helpful }));
  }

  /** A proactive trigger's message was shown to the visitor (the server keeps its frequency cap: 409 beyond it). */
  triggerShown(id: string, variant: 'a' | 'b', visitId: string | undefined): Promise<{ impressionId: string }> {
    return this.call(`/api/v1/widget/triggers/${encodeURIComponent(id)}/impressions`, this.json('POST', { variant, ...(visitId ? { visitId } : {}) }));
  }

  /** Reply on a trigger's message: the conversation starts with that message. */
  triggerReply(impressionId: string, language: string): Promise<{ conversationId: string; started: boolean }> {
    return this.call(`/api/v1/widget/trigger-impressions/${encodeURIComponent(impressionId)}/reply`, this.json('POST', { language }));
  }

  /** A click in a rich message: a product's page opened, a product or a quick reply chosen. */
  click(conversationId: string, c: RichClickInput): Promise<{ clicks: number }> {
    return this.call(`/api/v1/widget/conversations/${conversationId}/clicks`, this.json('POST', c));
  }

  /** Files and transcripts need the visitor's credentials, so they are fetched and handed out as blob URLs. */
  async blobUrl(url: string): Promise<string> {
    const res = await fetch(url, { headers: this.headers() }).catch(() => null);
    if (!res?.ok) throw new WidgetError(res ? 'not_found' : 'network');
    return URL.createObjectURL(await res.blob());
  }
}
