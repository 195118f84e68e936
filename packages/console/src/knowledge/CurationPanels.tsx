import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { curationApi, type FaqDraftDto, type GapClusterDto } from './kb-api';

/** How often the FAQ list is asked again while mining runs. */
const MINING_POLL_MS = 1000;

interface Props {
  /** A draft article was made: open it in the editor. */
  onDraft: (articleId: string) => void;
}

/**
 * Content gaps: visitors' first questions no published article covers,
 * grouped by similarity, most frequent first, with links to the conversations
 * they came from. "Create draft" starts an article from one.
 */
export function ContentGaps({ onDraft }: Props) {
  const [items, setItems] = useState<GapClusterDto[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    curationApi.gaps().then(
      (r) => {
        setItems(r.items);
        setNext(r.nextOffset);
        setLoaded(true);
      },
      (e) => setError(messageOf(e)),
    );
  }, [tick]);

  const more = () => {
    if (next === null) return;
    curationApi.gaps(next).then(
      (r) => {
        setItems((had) => [...had, ...r.items]);
        setNext(r.nextOffset);
      },
      (e) => setError(messageOf(e)),
    );
  };
  const act = (p: Promise<unknown>) => p.then(() => setTick((n) => n + 1)).catch((e) => setError(messageOf(e)));

  return (
    <section aria-labelledby="kb-gaps-title" class="kb-curation">
      <h3 id="kb-gaps-title">Content gaps</h3>
      <p class="muted small">Visitors’ first questions that no published article answers, grouped when they ask the same thing.</p>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {loaded && items.length === 0 ? <p class="muted">No content gaps: every question asked lately has an article.</p> : null}
      <ul class="kb-list" aria-label="Content gaps">
        {items.map((c) => (
          <li key={c.id} class="kb-gap" aria-label={c.label}>
            <p>
              <strong>{c.label}</strong> <span class="kb-count">{c.count === 1 ? 'asked once' : `asked ${c.count} times`}</span>
            </p>
            <ul class="kb-examples">
              {c.examples.map((e) => (
                <li key={e.conversationId}>
                  {e.text}{' '}
                  <a class="small" href={`#/c/${e.conversationId}`}>
                    Open the conversation
                  </a>
                </li>
              ))}
            </ul>
            <ReviewActions
              create={() => curationApi.draftFromGap(c.id)}
              dismiss={() => act(curationApi.dismissGap(c.id))}
              onDraft={onDraft}
              onError={setError}
            />
          </li>
        ))}
      </ul>
      {next !== null ? (
        <button type="button" class="btn btn-ghost btn-sm" onClick={more}>
          Show more content gaps
        </button>
      ) : null}
    </section>
  );
}

/**
 * FAQ drafts: similar questions of resolved conversations with the
 * operators' replies, mined daily and on "Find FAQ drafts", for review.
 */
export function FaqDrafts({ onDraft }: Props) {
  const [items, setItems] = useState<FaqDraftDto[]>([]);
  const [mining, setMining] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const load = () =>
    curationApi.faqDrafts().then(
      (r) => {
        setItems(r.items);
        setMining(r.mining);
        setLoaded(true);
        clearTimeout(timer.current);
        if (r.mining) timer.current = setTimeout(load, MINING_POLL_MS);
      },
      (e) => setError(messageOf(e)),
    );
  useEffect(() => {
    load();
    return () => clearTimeout(timer.current);
  }, []);

  const mine = () => {
    setMining(true);
    curationApi.mine().then(load, (e) => {
      setMining(false);
      setError(messageOf(e));
    });
  };
  const pending = items.filter((d) => d.status === 'pending');

  return (
    <section aria-labelledby="kb-faq-title" class="kb-curation">
      <h3 id="kb-faq-title">FAQ drafts</h3>
      <p class="muted small">Questions asked in several resolved conversations of the last 30 days, with your team’s replies, that no article answers yet.</p>
      <button type="button" class="btn btn-sm" onClick={mine} disabled={mining}>
        Find FAQ drafts
      </button>
      <p role="status" class="small">
        {mining ? 'Mining…' : ''}
      </p>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {loaded && !mining && pending.length === 0 ? <p class="muted">No FAQ drafts to review.</p> : null}
      <ul class="kb-list" aria-label="FAQ drafts">
        {pending.map((d) => (
          <li key={d.id} class="kb-gap" aria-label={d.label}>
            <p>
              <strong>{d.label}</strong> <span class="kb-count">{`${d.size} conversations`}</span>
            </p>
            <p class="small">Questions</p>
            <ul class="kb-examples">
              {d.questions.map((q) => (
                <li key={q.conversationId}>
                  {q.text}{' '}
                  <a class="small" href={`#/c/${q.conversationId}`}>
                    Open the conversation
                  </a>
                </li>
              ))}
            </ul>
            <p class="small">Answers</p>
            {d.answers.length === 0 ? (
              <p class="muted small">No reply yet.</p>
            ) : (
              <ul class="kb-examples">
                {d.answers.map((a) => (
                  <li key={a.conversationId}>{a.text}</li>
                ))}
              </ul>
            )}
            <ReviewActions
              create={() => curationApi.createFromFaq(d.id)}
              dismiss={() => curationApi.dismissFaq(d.id).then(load, (e) => setError(messageOf(e)))}
              onDraft={onDraft}
              onError={setError}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Create draft" (the new draft opens) and "Dismiss", for a content gap or an FAQ draft. */
function ReviewActions(p: {
  create: () => Promise<{ id: string }>;
  dismiss: () => unknown;
  onDraft: (id: string) => void;
  onError: (message: string) => void;
}) {
  return (
    <div class="form-inline">
      <button
        type="button"
        class="btn btn-sm"
        onClick={() =>
          p.create().then(
            (a) => p.onDraft(a.id),
            (e) => p.onError(messageOf(e)),
          )
        }
      >
        Create draft
      </button>
      <button type="button" class="btn btn-ghost btn-sm" onClick={() => p.dismiss()}>
        Dismiss
      </button>
    </div>
  );
}
