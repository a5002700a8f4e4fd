/**
 * Statistics of the A/B results: the two-proportion z-test (pooled, two-sided, no continuity
 * correction, as R's `prop.test(correct = FALSE)`), and the rules that turn it into a verdict.
 */

/** P(Z ≤ -|x|) for a standard normal Z (Hart's algorithm as given by West, 2005; double precision). */
export function normalTail(x: number): number {
	const a = Math.abs(x);
	if (a > 37) return 0;
	const e = Math.exp((-a * a) / 2);
	if (a < 7.07106781186547) {
		let n = 3.52624965998911e-2 * a + 0.700383064443688;
		n = n * a + 6.37396220353165;
		n = n * a + 33.912866078383;
		n = n * a + 112.079291497871;
		n = n * a + 221.213596169931;
		n = n * a + 220.206867912376;
		let d = 8.83883476483184e-2 * a + 1.75566716318264;
		d = d * a + 16.064177579207;
		d = d * a + 86.7807322029461;
		d = d * a + 296.564248779674;
		d = d * a + 637.333633378831;
		d = d * a + 793.826512519948;
		d = d * a + 440.413735824752;
		return (e * n) / d;
	}
	let b = a + 0.65;
	b = a + 4 / b;
	b = a + 3 / b;
	b = a + 2 / b;
	b = a + 1 / b;
	return e / b / 2.506628274631;
}

/** Outcome of comparing two proportions x1/n1 and x2/n2. */
export interface ZTest {
	/** (p1 - p2) / pooled standard error; 0 when undefined (no data or no variance). */
	z: number;
	/** Two-sided p-value (1 when undefined). */
	p: number;
	/** p1 - p2. */
	diff: number;
}

/** Two-sided two-proportion z-test with pooled variance. */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): ZTest {
	if (n1 <= 0 || n2 <= 0) return { z: 0, p: 1, diff: 0 };
	const p1 = x1 / n1;
	const p2 = x2 / n2;
	const pool = (x1 + x2) / (n1 + n2);
	const se = Math.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2));
	if (!(se > 0)) return { z: 0, p: 1, diff: p1 - p2 };
	const z = (p1 - p2) / se;
	return { z, p: Math.min(1, 2 * normalTail(z)), diff: p1 - p2 };
}

/** Significance level of the verdicts. */
export const ALPHA = 0.05;
/** Fewest contacts per variant before a verdict can be given. */
export const MIN_SAMPLE = 30;

/**
 * What the comparison of the leader with the runner-up says:
 * - `not_started`: fewer than two variants have contacts;
 * - `too_few`: a variant has under MIN_SAMPLE contacts, or fewer than 5 expected successes or failures;
 * - `tie`: same rate;
 * - `significant`: the leader is better with p < ALPHA;
 * - `not_significant`: the difference may be chance.
 */
export type Verdict = 'not_started' | 'too_few' | 'tie' | 'significant' | 'not_significant';

/** A variant's sample for a metric. */
export interface Sample {
	key: string;
	n: number;
	x: number;
}

/** Leader against runner-up, and every variant against the first (the control). */
export interface Comparison {
	verdict: Verdict;
	leader: string | null;
	runnerUp: string | null;
	leaderRate: number;
	runnerUpRate: number;
	z: number;
	p: number;
	/** 1 - p, for "x % confidence". */
	confidence: number;
	/** Each other variant against the control (the first sample). */
	vsControl: { key: string; diff: number; z: number; p: number }[];
}

/** Compares samples (in variant order; the first is the control). Ties rank in variant order. */
export function compare(samples: readonly Sample[]): Comparison {
	const rate = (s: Sample) => (s.n > 0 ? s.x / s.n : 0);
	const control = samples[0];
	const vsControl = control
		? samples.slice(1).map((s) => {
				const t = twoProportionZ(s.x, s.n, control.x, control.n);
				return { key: s.key, diff: t.diff, z: t.z, p: t.p };
			})
		: [];
	const active = samples.filter((s) => s.n > 0);
	const ranked = [...active].sort((a, b) => rate(b) - rate(a) || samples.indexOf(a) - samples.indexOf(b));
	const [lead, second] = ranked;
	const none: Comparison = { verdict: 'not_started', leader: lead?.key ?? null, runnerUp: null, leaderRate: lead ? rate(lead) : 0, runnerUpRate: 0, z: 0, p: 1, confidence: 0, vsControl };
	if (!lead || !second) return none;
	const t = twoProportionZ(lead.x, lead.n, second.x, second.n);
	const pool = (lead.x + second.x) / (lead.n + second.n);
	const smallest = Math.min(lead.n, second.n);
	const expected = Math.min(smallest * pool, smallest * (1 - pool));
	let verdict: Verdict;
	if (rate(lead) === rate(second)) verdict = smallest < MIN_SAMPLE ? 'too_few' : 'tie';
	else if (smallest < MIN_SAMPLE || expected < 5) verdict = 'too_few';
	else verdict = t.p < ALPHA ? 'significant' : 'not_significant';
	return { verdict, leader: lead.key, runnerUp: second.key, leaderRate: rate(lead), runnerUpRate: rate(second), z: t.z, p: t.p, confidence: 1 - t.p, vsControl };
}
