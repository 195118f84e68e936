/**
 * "Add product" / "Edit product": every field of a product, labelled, each
 * refusal shown under its field (the server's stable code comes with a
 * reason in words). The product id is the shop's own and cannot change.
 */
import { fromMinor, type ProductDto } from '@switchboard/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { fieldError } from '../api';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { useForm } from '../ui/use-form';
import { formatAttributes, parseAttributes, productApi, splitList } from './product-api';

const FIELDS = [
  'id',
  'name',
  'description',
  'price',
  'currency',
  'imageUrl',
  'pageUrl',
  'category',
  'tags',
  'stock',
  'attributes',
  'accessories',
  'alternatives',
];
/** The form field a refused body path belongs to (`related.accessories` → accessories). */
const fieldOf = (path: string) => {
  const last = path.split('.').at(-1) ?? '';
  return FIELDS.includes(path) ? path : FIELDS.includes(last) ? last : null;
};

export function ProductForm({ product, onClose, onSaved }: { product: ProductDto | null; onClose: () => void; onSaved: (p: ProductDto) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const form = useForm(fieldOf);
  const [v, setV] = useState(() => ({
    id: product?.id ?? '',
    name: product?.name ?? '',
    description: product?.description ?? '',
    price: product ? String(fromMinor(product.priceMinor, product.currency)) : '',
    currency: product?.currency ?? 'EUR',
    imageUrl: product?.imageSourceUrl ?? '',
    pageUrl: product?.pageUrl ?? '',
    category: product?.category ?? '',
    tags: product?.tags.join(', ') ?? '',
    stock: product?.stock ?? 'in_stock',
    attributes: product ? formatAttributes(product.attributes) : '',
    accessories: product?.related.accessories.join(', ') ?? '',
    alternatives: product?.related.alternatives.join(', ') ?? '',
  }));
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const set = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  const err = form.errors.fields;
  const prefix = 'product-form';

  function save(e: Event) {
    e.preventDefault();
    void form.run(async () => {
      const attributes = parseAttributes(v.attributes);
      if (!attributes) throw fieldError('attributes', 'Write each attribute as name=value, one per line, such as color=red');
      const saved = await productApi.put(v.id.trim(), {
        name: v.name,
        description: v.description,
        price: v.price.trim().replace(/\s/g, ''),
        currency: v.currency.trim().toUpperCase(),
        imageUrl: v.imageUrl.trim() || null,
        pageUrl: v.pageUrl.trim() || null,
        category: v.category.trim() || null,
        tags: splitList(v.tags),
        stock: v.stock,
        attributes,
        related: { accessories: splitList(v.accessories), alternatives: splitList(v.alternatives) },
      });
      onSaved(saved);
    });
  }

  const input = (k: keyof typeof v, label: string, extra: Record<string, unknown> = {}, hint?: string) => (
    <Field id={`${prefix}-${k}`} label={label} error={err[k]}>
      <input {...invalidProps(`${prefix}-${k}`, err[k], hint)} value={v[k]} onInput={set(k)} {...extra} />
    </Field>
  );
  const title = product ? `Edit product ${product.name}` : 'Add product';
  return (
    <dialog ref={ref} class="dialog dialog-wide" aria-labelledby={`${prefix}-title`} onClose={onClose}>
      <div class="dialog-head">
        <h2 id={`${prefix}-title`}>{title}</h2>
        <button class="btn btn-ghost btn-sm" type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <form class="product-form" onSubmit={save} ref={form.ref} aria-labelledby={`${prefix}-title`} noValidate>
        {input('id', 'Product ID', { required: true, maxLength: 100, readOnly: !!product })}
        {input('name', 'Name', { required: true, maxLength: 200 })}
        <Field id={`${prefix}-description`} label="Description" error={err.description}>
          <textarea {...invalidProps(`${prefix}-description`, err.description)} rows={3} maxLength={5000} value={v.description} onInput={set('description')} />
        </Field>
        <div class="product-form-row">
          {input('price', 'Price', { required: true, inputMode: 'decimal' })}
          {input('currency', 'Currency', { required: true, maxLength: 3, autocomplete: 'off' })}
          <Field id={`${prefix}-stock`} label="Stock" error={err.stock}>
            <select {...invalidProps(`${prefix}-stock`, err.stock)} value={v.stock} onChange={set('stock')}>
              <option value="in_stock">In stock</option>
              <option value="out_of_stock">Out of stock</option>
              <option value="preorder">Preorder</option>
            </select>
          </Field>
        </div>
        {input('imageUrl', 'Image URL', { type: 'url', placeholder: 'https://' })}
        {input('pageUrl', 'Product page URL', { type: 'url', placeholder: 'https://' })}
        {input('category', 'Category', { maxLength: 100 })}
        {input('tags', 'Tags', {}, `${prefix}-tags-hint`)}
        <p id={`${prefix}-tags-hint`} class="muted small">
          Separated by commas. Accessories and alternatives: product ids separated by commas.
        </p>
        <Field id={`${prefix}-attributes`} label="Attributes" error={err.attributes}>
          <textarea
            {...invalidProps(`${prefix}-attributes`, err.attributes)}
            rows={3}
            placeholder={'color=red\nweight_kg=1.2'}
            value={v.attributes}
            onInput={set('attributes')}
          />
        </Field>
        {input('accessories', 'Accessories', {}, `${prefix}-tags-hint`)}
        {input('alternatives', 'Alternatives', {}, `${prefix}-tags-hint`)}
        <FormAlert message={form.errors.form} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary btn-sm" disabled={form.busy}>
            {form.busy ? 'Saving…' : 'Save product'}
          </button>
          <button type="button" class="btn btn-ghost btn-sm" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
