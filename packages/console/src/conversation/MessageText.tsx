import { type Inline, parseMessage } from '@switchboard/text';
import { useMemo } from 'preact/hooks';

/**
 * Message text through the one renderer (@switchboard/text): basic formatting
 * and http(s) links as Preact elements, everything else as text. Markup in a
 * message is shown, never run. The pieces of a message have no identity but
 * their place, so their keys are their indexes.
 */
export function MessageText({ text }: { text: string }) {
  const blocks = useMemo(() => parseMessage(text), [text]);
  return (
    <div class="msg-text">
      {blocks.map((b, i) =>
        b.t === 'p' ? (
          <p key={i}>
            <Inlines nodes={b.c} />
          </p>
        ) : b.t === 'ul' ? (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>
                <Inlines nodes={item} />
              </li>
            ))}
          </ul>
        ) : (
          <ol key={i} start={b.start}>
            {b.items.map((item, j) => (
              <li key={j}>
                <Inlines nodes={item} />
              </li>
            ))}
          </ol>
        ),
      )}
    </div>
  );
}

function Inlines({ nodes }: { nodes: Inline[] }) {
  return (
    <>
      {nodes.map((n, i) => {
        switch (n.t) {
          case 'text':
            return n.v;
          case 'br':
            return <br key={i} />;
          case 'code':
            return <code key={i}>{n.v}</code>;
          case 'strong':
            return (
              <strong key={i}>
                <Inlines nodes={n.c} />
              </strong>
            );
          case 'em':
            return (
              <em key={i}>
                <Inlines nodes={n.c} />
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
