/**
 * "Suggested products" beside the conversation (in the visitor details):
 * cross-sell, up-sell and matches of what the visitor asks for, each with
 * its image, name, price and reason, "Insert card" (a product card in the
 * reply) and "Compare" (side by side with the product in context). Fetched
 * again when the visitor moves to another page or writes. Nothing is shown
 * when the workspace has no catalogue; one short line when nothing fits.
 */
import { formatMoney, type ProductSuggestionsDto } from '@switchboard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { onServerFrame } from '../realtime/connection';
import { useStore } from '../store';
import { cardRequest, comparisonRequest, fetchProductSuggestions, imageSrc, insertRich } from './product-suggest-api';

const KIND = { cross_sell: 'Cross-sell', up_sell: 'Up-sell', match: 'Asked for' } as const;

export function SuggestedProducts({ id }: { id: string }) {
  const visitorId = useStore((s) => s.conversations[id]?.visitorId);
  const pageUrl = useStore((s) => (visitorId ? s.visitors[visitorId]?.pageUrl : undefined));
  const [data, setData] = useState<ProductSuggestionsDto | null>(null);
  const [asked, setAsked] = useState(0);

  useEffect(
    () =>
      onServerFrame((f) => {
        if (f.type === 'message' && f.message.conversationId === id && f.message.author.kind === 'visitor') setAsked((n) => n + 1);
      }),
    [id],
  );

  useEffect(() => {
    let live = true;
    fetchProductSuggestions(id)
      .then((r) => live && setData(r))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [id, pageUrl, asked]);

  if (!data?.catalogue) return null;
  const context = data.context;
  return (
    <section class="suggested-products" aria-label="Suggested products">
      <h3 class="panel-section">Suggested products</h3>
      {data.suggestions.length === 0 ? (
        <p class="muted small">Nothing to suggest yet.</p>
      ) : (
        <ul class="sp-list">
          {data.suggestions.map((s) => {
            const src = imageSrc(s.product.imageUrl);
            const compare = comparisonRequest(context?.id ?? null, s.product.id);
            return (
              <li key={s.product.id} class="sp-item">
                {src ? (
                  <img
                    class="sp-image"
                    src={src}
                    alt=""
                    loading="lazy"
                    width={48}
                    height={48}
                    onError={(e) => {
                      e.currentTarget.hidden = true;
                    }}
                  />
                ) : (
                  <span class="sp-image sp-noimage" aria-hidden="true" />
                )}
                <div class="sp-body">
                  <p class="sp-name">
                    <strong>{s.product.name}</strong> <span class="sp-price">{formatMoney(s.product.priceMinor, s.product.currency)}</span>
                  </p>
                  <p class="sp-reason small">
                    <span class="sp-kind">{KIND[s.kind]}:</span> {s.reason}
                  </p>
                  <div class="sp-actions">
                    <button
                      type="button"
                      class="btn btn-ghost btn-sm"
                      aria-label={`Insert card: ${s.product.name}`}
                      onClick={() => insertRich(cardRequest(s.product.id))}
                    >
                      Insert card
                    </button>
                    {compare && context && (
                      <button
                        type="button"
                        class="btn btn-ghost btn-sm"
                        aria-label={`Compare: ${s.product.name}`}
                        title={`Compare with ${context.name}`}
                        onClick={() => insertRich(compare)}
                      >
                        Compare
                      </button>
                    )}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
