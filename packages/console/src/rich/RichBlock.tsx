/**
 * A rich message (E2) in the conversation view, compact: a product card, a
 * carousel (a list of cards), a comparison table or the quick replies offered,
 * and how many times the visitor clicked in it ("2 clicks", live). Product
 * text is shown as text; only http(s) pages become links.
 */
import type { ProductCard, RichContent } from '@switchboard/protocol';
import { price } from './rich-api';

const STOCK: Record<ProductCard['stock'], string> = { in_stock: 'In stock', out_of_stock: 'Out of stock', preorder: 'Pre-order' };

const httpOnly = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

function Card({ p }: { p: ProductCard }) {
  const page = httpOnly(p.pageUrl);
  return (
    <div class="rich-card">
      {p.imageUrl && <img src={p.imageUrl} alt={p.name} class="rich-img" loading="lazy" onError={(e) => (e.currentTarget as HTMLElement).remove()} />}
      <strong class="rich-name">{p.name}</strong>
      <span class="rich-price">{price(p)}</span>
      <span class={`rich-stock ${p.stock}`}>{STOCK[p.stock]}</span>
      {page && (
        <a href={page} target="_blank" rel="noopener noreferrer">
          Product page<span class="sr-only">: {p.name}</span>
        </a>
      )}
    </div>
  );
}

function Comparison({ products, attributes }: { products: ProductCard[]; attributes: string[] }) {
  const rows: [string, string[]][] = [
    ['Price', products.map(price)],
    ['Stock', products.map((p) => STOCK[p.stock])],
    ...attributes.map((a): [string, string[]] => [a, products.map((p) => (p.attributes[a] === undefined ? '—' : String(p.attributes[a])))]),
  ];
  return (
    <table class="rich-compare">
      <caption>Compare products</caption>
      <thead>
        <tr>
          <td />
          {products.map((p) => (
            <th key={p.id} scope="col">
              {p.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, values]) => {
          const differs = new Set(values).size > 1;
          return (
            <tr key={label}>
              <th scope="row">{label}</th>
              {values.map((v, i) => (
                <td key={products[i]?.id} class={differs ? 'differs' : undefined}>
                  {v}
                  {differs && <span class="sr-only"> (differs)</span>}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function RichBlock({ rich, clicks }: { rich: RichContent; clicks?: number | undefined }) {
  return (
    <div class="rich-block">
      {rich.type === 'product' && <Card p={rich.product} />}
      {rich.type === 'carousel' && (
        <ul class="rich-carousel" aria-label="Products">
          {rich.products.map((p) => (
            <li key={p.id}>
              <Card p={p} />
            </li>
          ))}
        </ul>
      )}
      {rich.type === 'comparison' && <Comparison products={rich.products} attributes={rich.attributes} />}
      {rich.type === 'quick_replies' && (
        <ul class="rich-replies" aria-label="Quick replies offered">
          {rich.options.map((o) => (
            <li key={o.id} class="chip">
              {o.label}
            </li>
          ))}
        </ul>
      )}
      {clicks !== undefined && clicks > 0 && <p class="rich-clicks small muted">{clicks === 1 ? '1 click' : `${clicks} clicks`}</p>}
    </div>
  );
}
