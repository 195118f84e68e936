import { type Inline, mentionSpans, parseMessage } from '@switchboard/text';
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';

/**
 * Message text through the one renderer (@switchboard/text): basic formatting
 * and http(s) links as Preact elements, everything else as text. Markup in a
 * message is shown, never run. The pieces of a message have no identity but
 * their place, so their keys are their indexes.
 */
export function MessageText({ text, mentions }: { text: string; mentions?: { operatorId: string; name: string }[] }) {
  const blocks = useMemo(() => parseMessage(text), [text]);
  const people = useMemo(() => mentions?.map((m) => ({ id: m.operatorId, name: m.name })), [mentions]);
  return (
    <div class="msg-text">
      {blocks.map((b, i) =>
        b.t === 'p' ? (
          <p key={i}>
            <Inlines nodes={b.c} people={people} />
          </p>
        ) : b.t === 'ul' ? (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>
                <Inlines nodes={item} people={people} />
              </li>
            ))}
          </ul>
        ) : (
          <ol key={i} start={b.start}>
            {b.items.map((item, j) => (
              <li key={j}>
                <Inlines nodes={item} people={people} />
              </li>
            ))}
          </ol>
        ),
      )}
    </div>
  );
}

/** A note's `@Name` mentions stand out; everything else stays text. */
function withMentions(text: string, people: { id: string; name: string }[] | undefined): ComponentChildren {
  const spans = people ? mentionSpans(text, people) : [];
  if (spans.length === 0) return text;
  const out: ComponentChildren[] = [];
  let at = 0;
  for (const s of spans) {
    out.push(text.slice(at, s.start), <mark class="mention">{text.slice(s.start, s.end)}</mark>);
    at = s.end;
  }
  out.push(text.slice(at));
  return out;
}

function Inlines({ nodes, people }: { nodes: Inline[]; people?: { id: string; name: string }[] | undefined }) {
  return (
    <>
      {nodes.map((n, i) => {
        switch (n.t) {
          case 'text':
            return withMentions(n.v, people);
          case 'br':
            return <br key={i} />;
          case 'code':
            return <code key={i}>{n.v}</code>;
          case 'strong':
            return (
              <strong key={i}>
                <Inlines nodes={n.c} people={people} />
              </strong>
            );
          case 'em':
            return (
              <em key={i}>
                <Inlines nodes={n.c} people={people} />
              </em>
            );
          default:
            return (
              <a key={i} href={n.href} target="_blank" rel="noopener noreferrer nofollow">
                <Inlines nodes={n.c} />
              </a>
            );
        }
      })}
    </>
  );
}
