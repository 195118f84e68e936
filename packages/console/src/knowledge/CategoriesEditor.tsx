import { useState } from 'preact/hooks';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { type CategoryDto, kbApi } from './kb-api';

const fieldOf = byName('name', 'slug', 'description', 'position');

/** The help centre's categories: name, slug, description and place in the list. */
export function CategoriesEditor({ categories, onChange }: { categories: CategoryDto[]; onChange: () => void }) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [description, setDescription] = useState('');
  const creating = useForm(fieldOf);

  function create(e: Event) {
    e.preventDefault();
    void creating.run(async () => {
      await kbApi.createCategory({ name: name.trim(), slug: slug.trim(), description: description.trim() });
      setName('');
      setSlug('');
      setDescription('');
      onChange();
    });
  }

  return (
    <section aria-labelledby="kb-categories-title">
      <h3 id="kb-categories-title">Categories</h3>
      {categories.length === 0 ? <p class="muted">No categories yet.</p> : null}
      <ul class="kb-list">
        {categories.map((c) => (
          <CategoryRow key={c.id} category={c} onChange={onChange} />
        ))}
      </ul>
      <form class="subform form-inline" onSubmit={create} ref={creating.ref} aria-label="Add a category">
        <Field id="kb-cat-name" label="New category" error={creating.errors.fields.name}>
          <input
            {...invalidProps('kb-cat-name', creating.errors.fields.name)}
            required
            maxLength={80}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <Field id="kb-cat-slug" label="Slug" error={creating.errors.fields.slug}>
          <input
            {...invalidProps('kb-cat-slug', creating.errors.fields.slug)}
            required
            maxLength={80}
            value={slug}
            onInput={(e) => setSlug(e.currentTarget.value)}
          />
        </Field>
        <Field id="kb-cat-description" label="Description" error={creating.errors.fields.description}>
          <input
            {...invalidProps('kb-cat-description', creating.errors.fields.description)}
            maxLength={300}
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="btn btn-sm" disabled={creating.busy}>
          Create category
        </button>
        <FormAlert message={creating.errors.form} />
      </form>
    </section>
  );
}

function CategoryRow({ category, onChange }: { category: CategoryDto; onChange: () => void }) {
  const [name, setName] = useState(category.name);
  const [slug, setSlug] = useState(category.slug);
  const [description, setDescription] = useState(category.description);
  const [position, setPosition] = useState(String(category.position));
  const saving = useForm(fieldOf);
  const id = `kb-cat-${category.id}`;

  function save(e: Event) {
    e.preventDefault();
    void saving.run(async () => {
      await kbApi.updateCategory(category.id, { name: name.trim(), slug: slug.trim(), description: description.trim(), position: Number(position) });
      onChange();
    });
  }

  async function remove() {
    if (!window.confirm(`Delete the category ${category.name}? Its articles stay, without a category.`)) return;
    await saving.run(async () => {
      await kbApi.deleteCategory(category.id);
      onChange();
    });
  }

  return (
    <li>
      <form class="form-inline" onSubmit={save} ref={saving.ref} aria-label={`Category ${category.name}`}>
        <Field id={`${id}-name`} label="Name" error={saving.errors.fields.name}>
          <input
            {...invalidProps(`${id}-name`, saving.errors.fields.name)}
            required
            maxLength={80}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <Field id={`${id}-slug`} label="Slug" error={saving.errors.fields.slug}>
          <input
            {...invalidProps(`${id}-slug`, saving.errors.fields.slug)}
            required
            maxLength={80}
            value={slug}
            onInput={(e) => setSlug(e.currentTarget.value)}
          />
        </Field>
        <Field id={`${id}-description`} label="Description" error={saving.errors.fields.description}>
          <input
            {...invalidProps(`${id}-description`, saving.errors.fields.description)}
            maxLength={300}
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </Field>
        <Field id={`${id}-position`} label="Position" error={saving.errors.fields.position}>
          <input
            {...invalidProps(`${id}-position`, saving.errors.fields.position)}
            type="number"
            min={0}
            class="input-narrow"
            value={position}
            onInput={(e) => setPosition(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="btn btn-sm" disabled={saving.busy}>
          Save category
        </button>
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => void remove()} aria-label={`Delete category ${category.name}`}>
          Delete
        </button>
        <FormAlert message={saving.errors.form} />
      </form>
    </li>
  );
}
