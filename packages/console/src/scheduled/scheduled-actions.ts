/** Send later from the console: load a conversation's scheduled messages, schedule one, cancel one. */
import { newClientId } from '@switchboard/protocol/client';
import { api, messageOf } from '../api';
import { dispatch } from '../store';

/** After opening and after every reconnect (each `synced`): what is scheduled now, replacing what was held. */
export async function loadScheduled(id: string): Promise<void> {
  try {
    const { items } = await api.scheduled(id);
    dispatch({ type: 'team', action: { kind: 'scheduled', id, items } });
  } catch (err) {
    dispatch({ type: 'notice', message: `Scheduled messages: ${messageOf(err)}` });
  }
}

/** Schedules a reply; resolves with the server's refusal (null when stored), so the text stays to be fixed. */
export async function scheduleReply(id: string, body: string, sendAt: number): Promise<string | null> {
  try {
    const r = await api.schedule(id, { body, sendAt, clientId: newClientId() });
    dispatch({ type: 'team', action: { kind: 'frame', frame: { type: 'scheduled', scheduled: r.scheduled }, meId: null, onScreenId: null } });
    return null;
  } catch (err) {
    return messageOf(err);
  }
}

export async function cancelScheduled(id: string, scheduledId: string): Promise<void> {
  try {
    const scheduled = await api.cancelScheduled(id, scheduledId);
    dispatch({ type: 'team', action: { kind: 'frame', frame: { type: 'scheduled', scheduled }, meId: null, onScreenId: null } });
  } catch (err) {
    dispatch({ type: 'notice', message: `Not cancelled: ${messageOf(err)}` });
    void loadScheduled(id);
  }
}
