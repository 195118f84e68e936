/**
 * "Import products": a CSV file checked before anything is written — its
 * columns and what each is read as, the first products as they will be
 * stored, and every bad row (row, column, reason). Any bad row refuses the
 * whole file; with none, "Import N products" writes them all in one go.
 */
import { formatMoney, type ProductImportPreview } from '@switchboard/protocol';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { ImportProblems } from '../contact/ImportProblems';
import { FormAlert } from '../ui/Field';
import { productApi } from './product-api';

const STOCK: Record<string, string> = { in_stock: 'In stock', out_of_stock: 'Out of stock', preorder: 'Preorder' };

export function ImportProducts({ onImported }: { onImported: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ProductImportPreview | null>(null);
  const [busy, setBusy] = useState<null | 'reading' | 'importing'>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (open && d && !d.open) d.showModal();
    if (!open && d?.open) d.close();
  }, [open]);

  const close = () => {
    setOpen(false);
    setFile(null);
    setPreview(null);
    setError(null);
    setDone(null);
  };
  async function read(f: File) {
    setBusy('reading');
    setError(null);
    setDone(null);
    setPreview(null);
    setFile(f);
    try {
      setPreview(await productApi.preview(f));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  }
  async function confirm() {
    if (!file) return;
    setBusy('importing');
    setError(null);
    try {
      const r = await productApi.import(file);
      setDone(`Imported: ${r.created.toLocaleString()} new products, ${r.updated.toLocaleString()} updated.`);
      setPreview(null);
      setFile(null);
      onImported();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  const valid = preview && preview.problems.length === 0 && preview.rows > 0 ? preview.rows : 0;
  return (
    <>
      <button type="button" class="btn btn-sm" onClick={() => setOpen(true)}>
        Import products
      </button>
      <dialog ref={ref} class="dialog dialog-wide" aria-labelledby={`${id}-title`} onClose={close}>
        <div class="dialog-head">
          <h2 id={`${id}-title`}>Import products</h2>
          <button class="btn btn-ghost btn-sm" type="button" onClick={close}>
            Close
          </button>
        </div>
        <p class="muted small">
          A CSV file in UTF-8 with the columns id, name, price and currency (and, if you like, description, image_url, page_url, category, tags, stock,
          attributes, accessories, alternatives; lists separated by |). A product whose id exists is replaced. Nothing is written until you confirm, and a file
          with any bad row is not imported at all.
        </p>
        <label class="field">
          <span>CSV file</span>
          <input
            type="file"
            accept=".csv,text/csv"
            disabled={busy !== null}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (f) void read(f);
            }}
          />
        </label>
        <FormAlert message={error} />
        {busy === 'reading' && <p class="muted">Checking every row…</p>}
        {done && <p role="status">{done}</p>}
        {preview && (
          <div>
            <p role="status">
              {preview.rows.toLocaleString()} rows: {preview.creates.toLocaleString()} new products, {preview.updates.toLocaleString()} to update.
              {preview.refused > 0 &&
                ` ${preview.refused.toLocaleString()} ${preview.refused === 1 ? 'row has' : 'rows have'} problems: fix them and choose the file again. Nothing is imported while any row is refused.`}
            </p>
            <table class="table">
              <caption>Columns</caption>
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Read as</th>
                </tr>
              </thead>
              <tbody>
                {preview.columns.map((c) => (
                  <tr key={c.header}>
                    <td>{c.header}</td>
                    <td>{c.field ?? 'Not imported'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ImportProblems
              problems={preview.problems.map((p) => ({ row: p.row ?? 0, column: p.column, message: p.message }))}
              refused={preview.problems.length}
            />
            {preview.preview.length > 0 && (
              <table class="table">
                <caption>First products</caption>
                <thead>
                  <tr>
                    <th scope="col">Product ID</th>
                    <th scope="col">Name</th>
                    <th scope="col">Price</th>
                    <th scope="col">Category</th>
                    <th scope="col">Stock</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.preview.map((p) => (
                    <tr key={p.id}>
                      <td>{p.id}</td>
                      <td>{p.name}</td>
                      <td>{formatMoney(p.priceMinor, p.currency)}</td>
                      <td>{p.category ?? '—'}</td>
                      <td>{STOCK[p.stock]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {valid > 0 && (
              <div class="form-actions">
                <button type="button" class="btn btn-primary btn-sm" disabled={busy !== null} onClick={() => void confirm()}>
                  Import {valid.toLocaleString()} {valid === 1 ? 'product' : 'products'}
                </button>
              </div>
            )}
          </div>
        )}
        {busy === 'importing' && (
          <div role="status">
            <label class="field">
              <span>Import progress</span>
              <progress />
            </label>
            <p class="muted">Importing {valid.toLocaleString()} products…</p>
          </div>
        )}
      </dialog>
    </>
  );
}
