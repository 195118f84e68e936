import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { type ArticleDto, type DiffPart, kbApi, type VersionDto } from './kb-api';

/** An article's versions, newest first; the difference of one from the current version, and restoring it. */
export function ArticleHistory({ article, onRestored }: { article: ArticleDto; onRestored: (a: ArticleDto) => void }) {
  const [versions, setVersions] = useState<VersionDto[]>([]);
  const [diff, setDiff] = useState<{ number: number; title: DiffPart[]; body: DiffPart[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    kbApi.versions(article.id).then(setVersions, (e) => setError(messageOf(e)));
  }, [article.id, article.version]);

  async function show(number: number) {
    try {
      setDiff({ number, ...(await kbApi.diff(article.id, number, article.version)) });
    } catch (e) {
      setError(messageOf(e));
    }
  }
  async function restore(number: number) {
    try {
      onRestored(await kbApi.restore(article.id, number));
      setDiff(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section class="kb-history" aria-labelledby="kb-history-title">
      <h4 id="kb-history-title">History</h4>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <ol class="kb-versions">
        {versions.map((v) => (
          <li key={v.number}>
            <span>
              Version {v.number}: {v.title} — {v.authorName ?? 'someone'}, {new Date(v.createdAt).toLocaleString()}
            </span>
            {v.number !== article.version ? (
              <>
                <button
                  type="button"
                  class="btn btn-ghost btn-sm"
                  onClick={() => void show(v.number)}
                  aria-label={`Compare version ${v.number} with the current one`}
                >
                  Compare
                </button>
                <button type="button" class="btn btn-ghost btn-sm" onClick={() => void restore(v.number)} aria-label={`Restore version ${v.number}`}>
                  Restore
                </button>
              </>
            ) : (
              <span class="muted small"> (current)</span>
            )}
          </li>
        ))}
      </ol>
      {diff ? (
        <section class="kb-diff" aria-label={`Changes from version ${diff.number} to version ${article.version}`}>
          <p class="muted small">Removed text is struck through, added text is underlined.</p>
          <p class="kb-diff-title">
            <DiffParts parts={diff.title} />
          </p>
          <pre class="kb-diff-body">
            <DiffParts parts={diff.body} />
          </pre>
        </section>
      ) : null}
    </section>
  );
}

function DiffParts({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'added' ? <ins key={i}>{p.text}</ins> : p.kind === 'removed' ? <del key={i}>{p.text}</del> : <span key={i}>{p.text}</span>,
      )}
    </>
  );
}
