/**
 * Settings → Products (E2): the catalogue by name, searched by words and
 * filtered by category, a page at a time. Everyone may look; owners and
 * admins add, edit, delete and import products.
 */
import { formatMoney, type ProductDto } from '@switchboard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { useStore } from '../store';
import { FormAlert } from '../ui/Field';
import { ImportProducts } from './ImportProducts';
import { ProductForm } from './ProductForm';
import { productApi } from './product-api';

const PAGE = 20;
const STOCK: Record<string, string> = { in_stock: 'In stock', out_of_stock: 'Out of stock', preorder: 'Preorder' };

export function ProductsSettings() {
  const role = useStore((s) => s.me?.role);
  const admin = role === 'owner' || role === 'admin';
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  /** The cursors of the pages before this one (the first page has none). */
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<{ items: ProductDto[]; nextCursor: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ProductDto | 'new' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const cursor = cursors.at(-1);

  useEffect(() => {
    let live = true;
    const t = setTimeout(
      () =>
        void productApi
          .list({ q: q.trim(), category, cursor, limit: PAGE })
          .then((p) => live && setPage(p))
          .catch((err) => live && setError(messageOf(err))),
      q ? 200 : 0,
    );
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q, category, cursor, reload]);
  useEffect(() => {
    void productApi
      .categories()
      .then((r) => setCategories(r.items))
      .catch(() => {});
  }, [reload]);

  const refresh = () => setReload((n) => n + 1);
  const firstPage = () => setCursors([undefined]);

  async function remove(p: ProductDto) {
    if (!window.confirm(`Delete the product ${p.name}? It is taken out of the catalogue and of other products’ accessories and alternatives.`)) return;
    try {
      await productApi.remove(p.id);
      setStatus(`Deleted ${p.name}.`);
      refresh();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <section class="card" aria-labelledby="products-title">
      <h2 id="products-title">Products</h2>
      <p class="muted small">
        The catalogue operators insert in replies as product cards. Images are shown from the server’s checked copy, never from the shop’s address.
      </p>
      <div class="form-inline products-filters">
        <label class="field">
          <span>Search products</span>
          <input
            type="search"
            value={q}
            onInput={(e) => {
              setQ(e.currentTarget.value);
              firstPage();
            }}
          />
        </label>
        <label class="field">
          <span>Category</span>
          <select
            value={category}
            onChange={(e) => {
              setCategory(e.currentTarget.value);
              firstPage();
            }}
          >
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        {admin && (
          <>
            <button type="button" class="btn btn-sm" onClick={() => setEditing('new')}>
              Add product
            </button>
            <ImportProducts
              onImported={() => {
                firstPage();
                refresh();
              }}
            />
          </>
        )}
      </div>
      <FormAlert message={error} />
      {status && (
        <p role="status" class="muted small">
          {status}
        </p>
      )}
      {page && page.items.length === 0 ? (
        <p class="muted">{q || category ? 'No product matches.' : 'No products yet.'}</p>
      ) : (
        <table class="table products-table">
          <caption class="sr-only">Products</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Price</th>
              <th scope="col">Category</th>
              <th scope="col">Stock</th>
              {admin && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {page?.items.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.name}
                  <span class="muted small"> {p.id}</span>
                </td>
                <td>{formatMoney(p.priceMinor, p.currency)}</td>
                <td>{p.category ?? '—'}</td>
                <td>{STOCK[p.stock]}</td>
                {admin && (
                  <td>
                    <button type="button" class="btn btn-ghost btn-sm" aria-label={`Edit ${p.name}`} onClick={() => setEditing(p)}>
                      Edit
                    </button>
                    <button type="button" class="btn btn-ghost btn-sm" aria-label={`Delete ${p.name}`} onClick={() => void remove(p)}>
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="form-actions" aria-label="Product pages">
        <button type="button" class="btn btn-ghost btn-sm" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous page
        </button>
        <button
          type="button"
          class="btn btn-ghost btn-sm"
          disabled={!page?.nextCursor}
          onClick={() => page?.nextCursor && setCursors([...cursors, page.nextCursor])}
        >
          Next page
        </button>
      </nav>
      {editing && (
        <ProductForm
          product={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(p) => {
            setEditing(null);
            setStatus(`Saved ${p.name}.`);
            refresh();
          }}
        />
      )}
    </section>
  );
}
