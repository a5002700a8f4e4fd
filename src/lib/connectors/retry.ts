/**
 * Retry schedule on the virtual clock: exponential backoff with "equal jitter" (half the delay
 * fixed, half drawn), the draw being a hash of the workspace seed, the message key and the attempt
 * number. The same message fails the same way at the same virtual instants in every replay of a
 * simulation, and different messages spread out instead of retrying in lockstep.
 */
import { draw } from '../engine/core/random';

/** Retry settings of a channel. */
export interface RetryPolicy {
	/** Delay after the first failed attempt (ms); each further failure doubles it. */
	baseMs: number;
	/** Longest delay between two attempts (ms). */
	maxMs: number;
	/** Attempts before the message is declared dead (the first attempt counts). */
	maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 30_000, maxMs: 6 * 3_600_000, maxAttempts: 10 };

/** Longest Retry-After honoured (a day); longer asks are capped. */
export const MAX_RETRY_AFTER_MS = 86_400_000;

/** Delay (ms) before the next attempt after `attempts` failed attempts (attempts ≥ 1). */
export function backoffMs(seed: number, key: string, attempts: number, p: RetryPolicy): number {
	const exp = Math.min(p.maxMs, p.baseMs * 2 ** Math.max(0, attempts - 1));
	const half = exp / 2;
	return Math.round(half + half * draw(seed, 'retry', key, attempts));
}

/**
 * When to try again after a failed attempt at `now`, or null when the message is out of
 * attempts. A receiver's Retry-After wins over the backoff (capped at a day).
 */
export function nextAttempt(now: number, seed: number, key: string, attempts: number, p: RetryPolicy, retryAfterMs?: number): number | null {
	if (attempts >= p.maxAttempts) return null;
	const wait = retryAfterMs !== undefined ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, retryAfterMs)) : backoffMs(seed, key, attempts, p);
	return now + wait;
}
