/** The rich block waiting to go with the reply (E2), above the composer, with its remove button. */
import type { RichRequest } from '@switchboard/protocol';
import { Icon } from '../ui/icons';
import { describeRequest } from './rich-api';

export function PendingRich(props: { request: RichRequest; names: Record<string, string>; ready: boolean; onRemove: () => void }) {
  const quick = props.request.type === 'quick_replies';
  return (
    <fieldset class="rich-pending" aria-label={quick ? 'Quick replies to send' : 'Product block to send'}>
      <span>{describeRequest(props.request, props.names)}</span>
      {!props.ready && <span class="muted small"> Write the question in the reply.</span>}
      <button type="button" class="chip-x" aria-label={quick ? 'Remove quick replies' : 'Remove product block'} onClick={props.onRemove}>
        <Icon name="x" size={12} />
      </button>
    </fieldset>
  );
}
