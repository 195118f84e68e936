/**
 * Rich messages (E2): product cards, carousels, comparison cards and
 * quick-reply buttons an operator (or a bot) sends in a conversation. A
 * message keeps a snapshot of the products as they were when it was sent, so
 * a card never changes under the visitor; its `body` is a plain-text
 * rendering of the same content (for mail, transcripts and old clients).
 *
 * Images: `imageUrl` is never the shop's own image address but the server's
 * checked copy, the path `/api/v1/product-images/<workspaceId>/<productId>?v=<updatedAt>`
 * on the Switchboard server (clients resolve it against the server's origin),
 * fetched through the outbound guard.
 */

export type StockState = 'in_stock' | 'out_of_stock' | 'preorder';

/** A product as a card shows it. */
export interface ProductCard {
  /** The shop's own product id. */
  id: string;
  name: string;
  description: string;
  /** Minor units (cents) of `currency`. */
  priceMinor: number;
  currency: string;
  /** The path of the server's checked copy of the image (see above); null without an image. */
  imageUrl: string | null;
  /** The product's page on the shop (http or https only); null without one. */
  pageUrl: string | null;
  category: string | null;
  stock: StockState;
  attributes: Record<string, string | number>;
}

export interface QuickReplyOption {
  id: string;
  label: string;
}

/** What a rich message shows (stored and sent with the message). */
export type RichContent =
  | { type: 'product'; product: ProductCard }
  | { type: 'carousel'; products: ProductCard[] }
  | {
      type: 'comparison';
      products: ProductCard[];
      /** The attributes compared, in order (price and stock are always shown). */
      attributes: string[];
    }
  | { type: 'quick_replies'; options: QuickReplyOption[] };

/** What a sender asks for: products by id; the server makes the snapshot. */
export type RichRequest =
  | { type: 'product'; productId: string }
  | { type: 'carousel'; productIds: string[] }
  | { type: 'comparison'; productIds: string[]; attributes?: string[] }
  | { type: 'quick_replies'; options: string[] };

/** The console's composer listens for this window event to insert a rich block (product suggestions send it). */
export const INSERT_RICH_EVENT = 'switchboard:insert-rich';

/** The limits a rich message is checked against (server side; the console's composer uses them to enable its choices). */
export const RICH_LIMITS = {
  carouselMin: 2,
  carouselMax: 10,
  comparisonMin: 2,
  comparisonMax: 3,
  /** Attributes a comparison card compares (price and stock come on top). */
  comparisonAttributesMax: 8,
  quickRepliesMin: 2,
  quickRepliesMax: 10,
  quickReplyMaxChars: 40,
  productIdMaxChars: 200,
} as const;

/** What a visitor did with a rich message: opened a product's page, chose a product, chose a quick reply. */
export type RichClickAction = 'view' | 'choose' | 'quick_reply';

/** One recorded click (POST /api/v1/widget/conversations/:id/clicks answers nothing; operators read counts). */
export interface RichClickInput {
  messageId: string;
  action: RichClickAction;
  /** The product clicked (view, choose). */
  productId?: string;
  /** The quick-reply option chosen (quick_reply). */
  optionId?: string;
}

/** Operators only (the conversation's team room): a visitor clicked in a rich message; `clicks` is the message's total so far. */
export interface RichClickFrame {
  type: 'richClick';
  conversationId: string;
  messageId: string;
  action: RichClickAction;
  productId: string | null;
  optionId: string | null;
  clicks: number;
}
