/**
 * The visitor's mood, never by colour alone: a face icon and words ("Mood:
 * negative, souring"), in the list, the conversation's header and beside
 * each scored visitor message.
 */
import type { ConversationSummary, Mood, MessageMood } from '@switchboard/protocol';
import { Icon, type IconName } from '../ui/icons';

const ICON: Record<Mood, IconName> = { negative: 'moodNegative', neutral: 'moodNeutral', positive: 'moodPositive' };

/** "Mood: negative, souring": the words every mark carries. */
export function moodLabel(mood: Mood, trend?: string | null): string {
  return `Mood: ${mood}${trend && trend !== 'steady' ? `, ${trend}` : ''}`;
}

/** The conversation's mood and trend (list and header); nothing before its first scored message. */
export function ConversationMood({ c }: { c: ConversationSummary }) {
  if (!c.mood) return null;
  const label = moodLabel(c.mood, c.moodTrend);
  const confidence = c.moodConfidence == null ? '' : ` (${Math.round(c.moodConfidence * 100)}% sure)`;
  return (
    <span class={`mood mood-${c.mood}${c.moodTrend === 'souring' ? ' mood-souring' : ''}`} title={`${label}${confidence}`}>
      <Icon name={ICON[c.mood]} size={13} />
      <span aria-hidden="true">{label.replace('Mood: ', '')}</span>
      <span class="sr-only">{label}</span>
    </span>
  );
}

/** A visitor message's mood: a small face with its words for screen readers and on hover. */
export function MessageMoodMark({ mood }: { mood: MessageMood | null | undefined }) {
  if (!mood) return null;
  const label = `${moodLabel(mood.mood)} (${Math.round(mood.confidence * 100)}% sure)`;
  return (
    <span class={`msg-mood mood-${mood.mood}`} role="img" aria-label={label} title={label}>
      <Icon name={ICON[mood.mood]} size={12} />
    </span>
  );
}
