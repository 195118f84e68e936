import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { navigate } from '../router';
import { ArticleEditor } from './ArticleEditor';
import { CategoriesEditor } from './CategoriesEditor';
import { type ArticleSummaryDto, type CategoryDto, kbApi } from './kb-api';

/**
 * Settings → Knowledge base (owners, admins and supervisors): the help
 * centre's categories, its articles by state, locale and category, and the
 * article editor with a preview rendered by the server. `openId`: an article
 * to open in the editor at once (a Search hit), scrolled into view.
 */
export function KnowledgeBaseSettings({ openId = null }: { openId?: string | null }) {
  const [categories, setCategories] = useState<CategoryDto[]>([]);
  const [articles, setArticles] = useState<ArticleSummaryDto[]>([]);
  const [state, setState] = useState('');
  const [locale, setLocale] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [editing, setEditing] = useState<string | 'new' | null>(openId);
  const section = useRef<HTMLElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = () => setTick((n) => n + 1);

  useEffect(() => {
    kbApi
      .categories()
      .then(setCategories)
      .catch((e) => setError(messageOf(e)));
  }, [tick]);
  useEffect(() => {
    kbApi
      .articles({ state, locale: locale.trim(), categoryId })
      .then(setArticles)
      .catch((e) => setError(messageOf(e)));
  }, [state, locale, categoryId, tick]);

  useEffect(() => {
    if (!openId) return;
    setEditing(openId);
    section.current?.querySelector('form[aria-label="Article"]')?.scrollIntoView({ block: 'start' });
  }, [openId]);
  useEffect(() => {
    if (openId && editing === openId) section.current?.querySelector('form[aria-label="Article"]')?.scrollIntoView({ block: 'start' });
  }, [editing]);

  const categoryName = (id: string | null) => categories.find((c) => c.id === id)?.name ?? '—';

  return (
    <section class="card" aria-labelledby="kb-title" ref={section}>
      <h2 id="kb-title">Knowledge base</h2>
      <p class="muted small">
        Articles for the public help centre (<a href="/help">/help</a>), written in Markdown. Operators read them; owners, admins and supervisors write and
        publish them.
      </p>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <CategoriesEditor categories={categories} onChange={reload} />
      <section aria-labelledby="kb-articles-title">
        <h3 id="kb-articles-title">Articles</h3>
        <div class="form-inline kb-filters">
          <div class="field">
            <label for="kb-filter-state">State</label>
            <select id="kb-filter-state" value={state} onChange={(e) => setState(e.currentTarget.value)}>
              <option value="">Any</option>
              <option value="draft">Draft</option>
              <option value="published">Published</option>
            </select>
          </div>
          <div class="field">
            <label for="kb-filter-locale">Locale</label>
            <input id="kb-filter-locale" class="input-narrow" placeholder="en" value={locale} onInput={(e) => setLocale(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="kb-filter-category">Category</label>
            <select id="kb-filter-category" value={categoryId} onChange={(e) => setCategoryId(e.currentTarget.value)}>
              <option value="">Any</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <button type="button" class="btn btn-sm" onClick={() => setEditing('new')}>
            New article
          </button>
        </div>
        {articles.length === 0 ? (
          <p class="muted">No articles match.</p>
        ) : (
          <table class="kb-table">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Locale</th>
                <th scope="col">Category</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {articles.map((a) => (
                <tr key={a.id}>
                  <td>{a.title}</td>
                  <td>{a.locale}</td>
                  <td>{categoryName(a.categoryId)}</td>
                  <td>{a.state === 'published' ? 'Published' : 'Draft'}</td>
                  <td>
                    <button type="button" class="btn btn-ghost btn-sm" onClick={() => setEditing(a.id)} aria-label={`Edit ${a.title}`}>
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {editing ? (
        <ArticleEditor
          key={editing}
          articleId={editing === 'new' ? null : editing}
          categories={categories}
          articles={articles}
          onSaved={(id) => {
            setEditing(id);
            reload();
          }}
          onClose={() => {
            setEditing(null);
            if (openId) navigate({ name: 'settings' });
            reload();
          }}
        />
      ) : null}
    </section>
  );
}
