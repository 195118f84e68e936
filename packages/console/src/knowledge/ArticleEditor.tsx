import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { ArticleHistory } from './ArticleHistory';
import { type ArticleDto, type ArticleFields, type ArticleSummaryDto, type CategoryDto, kbApi } from './kb-api';

const fieldOf = byName('title', 'slug', 'description', 'body', 'locale', 'categoryId', 'translationOf');
const EMPTY: ArticleFields = { title: '', slug: '', description: '', body: '', locale: 'en', categoryId: null };
/** The preview is asked for once typing pauses this long. */
const PREVIEW_DELAY = 300;

interface Props {
  articleId: string | null;
  categories: CategoryDto[];
  articles: ArticleSummaryDto[];
  onSaved: (id: string) => void;
  onClose: () => void;
}

/** One article: its fields, Markdown with the server's own rendering beside it, publishing, and its history. */
export function ArticleEditor({ articleId, categories, articles, onSaved, onClose }: Props) {
  const [article, setArticle] = useState<ArticleDto | null>(null);
  const [fields, setFields] = useState<ArticleFields>(EMPTY);
  const [translationOf, setTranslationOf] = useState('');
  const [preview, setPreview] = useState('');
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const saving = useForm(fieldOf);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const load = (a: ArticleDto) => {
    setArticle(a);
    setFields({ title: a.title, slug: a.slug, description: a.description, body: a.body, locale: a.locale, categoryId: a.categoryId });
  };
  useEffect(() => {
    if (articleId) kbApi.article(articleId).then(load, (e) => setPreviewError(messageOf(e)));
  }, [articleId]);

  useEffect(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      kbApi.preview(fields.body).then(
        (html) => {
          setPreview(html);
          setPreviewError(null);
        },
        (e) => setPreviewError(messageOf(e)),
      );
    }, PREVIEW_DELAY);
    return () => clearTimeout(timer.current);
  }, [fields.body]);

  const set = <K extends keyof ArticleFields>(key: K, value: ArticleFields[K]) => setFields((f) => ({ ...f, [key]: value }));

  async function save(): Promise<ArticleDto> {
    const body = { ...fields, title: fields.title.trim(), slug: fields.slug.trim(), description: fields.description.trim() };
    const saved = article ? await kbApi.updateArticle(article.id, body) : await kbApi.createArticle({ ...body, translationOf: translationOf || null });
    load(saved);
    return saved;
  }

  function saveDraft(e: Event) {
    e.preventDefault();
    void saving.run(async () => onSaved((await save()).id));
  }
  function publish() {
    void saving.run(async () => {
      const saved = await save();
      load(await kbApi.publish(saved.id));
      onSaved(saved.id);
    });
  }
  function unpublish() {
    void saving.run(async () => {
      load(await kbApi.unpublish(article!.id));
      onSaved(article!.id);
    });
  }
  async function remove() {
    if (!article || !window.confirm(`Delete the article ${article.title} and its history?`)) return;
    await saving.run(async () => {
      await kbApi.deleteArticle(article.id);
      onClose();
    });
  }

  const err = saving.errors.fields;
  const heading = article ? `Edit article: ${article.title}` : 'New article';
  return (
    <section class="kb-editor" aria-labelledby="kb-editor-title">
      <h3 id="kb-editor-title">{heading}</h3>
      {article ? (
        <p class="muted small" role="status">
          {article.state === 'published' ? 'Published' : 'Draft'} · version {article.version} ·{' '}
          {article.state === 'published' ? <a href={article.url}>View in the help centre</a> : 'not on the help centre'}
        </p>
      ) : null}
      <form onSubmit={saveDraft} ref={saving.ref} aria-label="Article">
        <div class="kb-fields">
          <Field id="kb-title-input" label="Title" error={err.title}>
            <input
              {...invalidProps('kb-title-input', err.title)}
              required
              maxLength={200}
              value={fields.title}
              onInput={(e) => set('title', e.currentTarget.value)}
            />
          </Field>
          <Field id="kb-slug" label="Slug" error={err.slug}>
            <input {...invalidProps('kb-slug', err.slug)} required maxLength={80} value={fields.slug} onInput={(e) => set('slug', e.currentTarget.value)} />
          </Field>
          <Field id="kb-description" label="Description" error={err.description}>
            <input
              {...invalidProps('kb-description', err.description)}
              maxLength={300}
              value={fields.description}
              onInput={(e) => set('description', e.currentTarget.value)}
            />
          </Field>
          <Field id="kb-category" label="Category" error={err.categoryId}>
            <select
              {...invalidProps('kb-category', err.categoryId)}
              value={fields.categoryId ?? ''}
              onChange={(e) => set('categoryId', e.currentTarget.value || null)}
            >
              <option value="">None</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="kb-locale" label="Locale" error={err.locale}>
            <input
              {...invalidProps('kb-locale', err.locale)}
              required
              class="input-narrow"
              value={fields.locale}
              onInput={(e) => set('locale', e.currentTarget.value)}
            />
          </Field>
          {article ? (
            <p class="muted small">
              Translations: {article.translations.length ? article.translations.map((t) => `${t.title} (${t.locale}, ${t.state})`).join(', ') : 'none yet'}
            </p>
          ) : (
            <Field id="kb-translation-of" label="Translation of" error={err.translationOf}>
              <select {...invalidProps('kb-translation-of', err.translationOf)} value={translationOf} onChange={(e) => setTranslationOf(e.currentTarget.value)}>
                <option value="">Not a translation</option>
                {articles.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.title} ({a.locale})
                  </option>
                ))}
              </select>
            </Field>
          )}
        </div>
        <div class="kb-write">
          <Field id="kb-body" label="Body (Markdown)" error={err.body}>
            <textarea {...invalidProps('kb-body', err.body)} rows={16} value={fields.body} onInput={(e) => set('body', e.currentTarget.value)} />
          </Field>
          <section class="kb-preview-wrap" aria-labelledby="kb-preview-title">
            <h4 id="kb-preview-title">Preview</h4>
            {previewError ? <p class="form-error">{previewError}</p> : null}
            {/* Rendered and sanitised by the server (article/render-markdown.ts), exactly as the help centre shows it. */}
            <div class="kb-preview" dangerouslySetInnerHTML={{ __html: preview }} />
          </section>
        </div>
        <div class="form-actions">
          <button type="submit" class="btn" disabled={saving.busy}>
            Save draft
          </button>
          {article?.state === 'published' ? (
            <button type="button" class="btn btn-ghost" disabled={saving.busy} onClick={unpublish}>
              Unpublish
            </button>
          ) : (
            <button type="button" class="btn" disabled={saving.busy} onClick={publish}>
              Publish
            </button>
          )}
          {article ? (
            <button type="button" class="btn btn-ghost" aria-expanded={showHistory} onClick={() => setShowHistory((v) => !v)}>
              History
            </button>
          ) : null}
          {article ? (
            <button type="button" class="btn btn-ghost" onClick={() => void remove()}>
              Delete article
            </button>
          ) : null}
          <button type="button" class="btn btn-ghost" onClick={onClose}>
            Close editor
          </button>
        </div>
        <FormAlert message={saving.errors.form} />
      </form>
      {article && showHistory ? <ArticleHistory key={article.version} article={article} onRestored={load} /> : null}
    </section>
  );
}
