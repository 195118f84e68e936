/**
 * Times in the operator's locale (their browser's language), with the same
 * functions the widget uses in the visitor's, so one locale reads the same
 * on both sides.
 */
import * as text from '@switchboard/text';

const locale = (): string | undefined => (typeof navigator === 'undefined' ? undefined : navigator.language);

export const clock = (t: number) => text.clock(t, locale());
export const shortTime = (t: number, now: number) => text.shortTime(t, now, locale());
export const fullTime = (t: number) => text.fullTime(t, locale());
export const dayLabel = (t: number, now: number) => text.dayLabel(t, now, locale());
export const localTime = (now: number, timeZone: string | null | undefined) => text.localTimeIn(now, timeZone, locale());
export const fileSize = text.fileSize;
