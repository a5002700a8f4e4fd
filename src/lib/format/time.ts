/** Times written in scenario files: absolute ISO instants or offsets such as "+2d 3h". */
import { parseInstant, parseOffset } from '../engine/core/time';

/** Whether the text is written as an offset ("+2d 3h", "90m") rather than an instant. */
export function isOffset(text: string): boolean {
	return /^\s*\+/.test(text) || /^\s*\d+(\.\d+)?\s*(w|d|h|m|s|ms)(\s|$)/.test(text);
}

/**
 * Epoch milliseconds of `text`: an ISO instant/date, or an offset added to `base`.
 * NaN when the text is neither.
 */
export function resolveTime(text: string, base: number): number {
	if (isOffset(text)) {
		const ms = parseOffset(text);
		return Number.isNaN(ms) ? NaN : base + ms;
	}
	return parseInstant(text.trim());
}

/** Milliseconds of a delay such as "+2s", "1m" or "+1h 30m" (NaN when malformed). */
export function resolveDelay(text: string | undefined): number {
	if (text === undefined || text.trim() === '') return 0;
	return parseOffset(text);
}

/** Help text for a malformed time. */
export const TIME_HELP =
	'Write an ISO instant with an offset ("2026-03-02T09:00:00Z"), a date ("2026-03-02"), or an offset from the start ("+2d 3h"; units w, d, h, m, s).';
