/** What the widget's article routes answer (F2): shared by the server, which builds them, and the widget, which shows them. */

/** An article suggested for what the visitor is typing. */
export interface ArticleSuggestion {
  id: string;
  title: string;
  description: string;
  /** The paragraph that best answers the question, plain text. */
  excerpt: string;
}

/** An article read inside the widget. */
export interface WidgetArticle {
  id: string;
  title: string;
  /** Rendered and sanitised on the server (an allow-list): set inside its own container only. */
  html: string;
  /** The help centre's page of it. */
  url: string;
  locale: string;
}
