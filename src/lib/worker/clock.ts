/** The workspace clock as the runtime drives it (the engine itself only sees instants). */

/** Speeds offered in the clock bar: virtual milliseconds per real millisecond (0 = as fast as possible). */
export const SPEEDS = [1, 60, 3600, 86_400, 604_800, 0] as const;

/** Persisted clock settings of a workspace. */
export interface ClockState {
	/** "live" follows real time; "simulation" is driven by the user. */
	kind: 'live' | 'simulation';
	/** Current virtual time (epoch ms). */
	now: number;
	playing: boolean;
	/** Chosen speed: virtual ms per real ms; 0 means as fast as possible. */
	speed: number;
	/** When fast-forwarding toward a date ("+30 days"), where to stop; null otherwise. */
	until: number | null;
}

/** Human text of a speed, e.g. "1 day/s". */
export function speedLabel(speed: number): string {
	if (speed === 0) return 'max';
	if (speed === 1) return '1×';
	const perSecond = speed * 1000;
	const units: [number, string][] = [
		[604_800_000, 'week'],
		[86_400_000, 'day'],
		[3_600_000, 'hour'],
		[60_000, 'min']
	];
	for (const [ms, name] of units) if (perSecond >= ms) return `${Math.round(perSecond / ms)} ${name}/s`;
	return `${speed}×`;
}
