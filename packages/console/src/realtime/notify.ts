/**
 * Telling an operator something happened while they look elsewhere: a short
 * beep (Web Audio, no file) and a desktop notification. Permission is asked
 * from a button, never on load; browsers also only let audio start after the
 * first click, so the audio context is unlocked then.
 */
import type { ConversationSummary } from '@switchboard/protocol';
import { isNewVisitorMessage, visitorName } from '../inbox/conversations';

export interface NotifyContext {
  meId: string | null;
  /** The tab is in the background. */
  hidden: boolean;
  /** The conversation on screen, if any. */
  activeId: string | null;
}

/** A new conversation or visitor message, for me or nobody yet, that the operator cannot see right now. */
export function shouldNotify(prev: ConversationSummary | undefined, next: ConversationSummary, ctx: NotifyContext): boolean {
  if (!isNewVisitorMessage(prev, next)) return false;
  if (next.assigneeId !== null && next.assigneeId !== ctx.meId) return false;
  return ctx.hidden || ctx.activeId !== next.id;
}

export function notificationText(prev: ConversationSummary | undefined, next: ConversationSummary): { title: string; body: string } {
  const name = visitorName(next);
  const fresh = !prev && next.lastSeq <= 1;
  return { title: fresh ? `New conversation: ${name}` : name, body: next.lastMessage?.preview ?? '' };
}

const SOUND_KEY = 'sb.console.sound';
let audio: AudioContext | null = null;

export function soundOn(): boolean {
  return localStorage.getItem(SOUND_KEY) !== 'off';
}

export function setSoundOn(on: boolean): void {
  localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
}

/** Call from a user gesture: creates or resumes the audio context so later beeps can play. */
export function unlockAudio(): void {
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return;
  audio ??= new Ctor();
  if (audio.state === 'suspended') void audio.resume().catch(() => {});
}

export function beep(): void {
  if (!audio || !soundOn() || audio.state !== 'running') return;
  const now = audio.currentTime;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.type = 'sine';
  osc.frequency.setValueAtTime(880, now);
  osc.frequency.setValueAtTime(1320, now + 0.09);
  gain.gain.setValueAtTime(0.0001, now);
  gain.gain.exponentialRampToValueAtTime(0.15, now + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.22);
  osc.connect(gain).connect(audio.destination);
  osc.start(now);
  osc.stop(now + 0.25);
}

export function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined';
}

export async function askNotificationPermission(): Promise<NotificationPermission> {
  if (!notificationsSupported()) return 'denied';
  return Notification.requestPermission();
}

export function desktopNotify(id: string, title: string, body: string, onClick: () => void): void {
  if (!notificationsSupported() || Notification.permission !== 'granted') return;
  try {
    // One notification per conversation: a newer message replaces the older one.
    const n = new Notification(title, { body, tag: `conversation-${id}` });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    /* some platforms only allow notifications from a service worker */
  }
}
