import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { navigate } from '../router';
import { ArticleEditor } from './ArticleEditor';
import { CategoriesEditor } from './CategoriesEditor';
import { ContentGaps, FaqDrafts } from './CurationPanels';
import { type ArticleSummaryDto, type CategoryDto, curationApi, type EffectivenessDto, type EffectivenessFigures, kbApi } from './kb-api';

const NONE: EffectivenessFigures = { views: 0, viewsWidget: 0, viewsHelp: 0, helpful: 0, unhelpful: 0, chatsAvoided: 0, inserted: 0 };

/** Views and helpful votes of an article as two bars, scaled to the most viewed article. */
function Bars({ f, max }: { f: EffectivenessFigures; max: number }) {
  const width = (n: number) => `${max > 0 ? Math.round((n / max) * 100) : 0}%`;
  return (
    <div class="kb-bars" role="img" aria-label={`${f.views} views, ${f.helpful} helpful`}>
      <div class="kb-bar kb-bar-views" style={{ width: width(f.views) }} />
      <div class="kb-bar kb-bar-helpful" style={{ width: width(f.helpful) }} />
    </div>
  );
}

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
  const [effect, setEffect] = useState<EffectivenessDto | null>(null);
  const reload = () => setTick((n) => n + 1);
  /** A draft was made from a content gap or a FAQ draft: it opens in the editor. */
  const openDraft = (id: string) => {
    setEditing(id);
    reload();
  };

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
    curationApi
      .effectiveness()
      .then(setEffect)
      .catch((e) => setError(messageOf(e)));
  }, [tick]);
  const figures = (id: string) => effect?.items.find((i) => i.articleId === id) ?? NONE;
  const maxViews = Math.max(0, ...(effect?.items.map((i) => i.views) ?? []));

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
                <th scope="col">Views</th>
                <th scope="col">Helpful</th>
                <th scope="col">Not helpful</th>
                <th scope="col">Chats avoided</th>
                <th scope="col">Inserted</th>
                <th scope="col">
                  <span class="sr-only">Views and helpful votes, last 30 days</span>
                </th>
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
                  <td>{figures(a.id).views}</td>
                  <td>{figures(a.id).helpful}</td>
                  <td>{figures(a.id).unhelpful}</td>
                  <td>{figures(a.id).chatsAvoided}</td>
                  <td>{figures(a.id).inserted}</td>
                  <td>
                    <Bars f={figures(a.id)} max={maxViews} />
                  </td>
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
        {effect ? (
          <p class="muted small">
            Last 30 days: {effect.totals.views} views ({effect.totals.viewsWidget} in the widget, {effect.totals.viewsHelp} on the help centre),{' '}
            {effect.totals.helpful} helpful, {effect.totals.unhelpful} not helpful, {effect.totals.chatsAvoided} chats avoided, {effect.totals.inserted}{' '}
            inserted into replies.
          </p>
        ) : null}
      </section>
      <ContentGaps key={`gaps-${tick}`} onDraft={openDraft} />
      <FaqDrafts onDraft={openDraft} />
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
