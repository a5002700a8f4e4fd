// The two-proportion z-test against known values (R: prop.test(c(x1, x2), c(n1, n2), correct = FALSE)),
// the normal tail at known quantiles, and the verdict rules.
import { describe, expect, it } from 'vitest';
import { compare, normalTail, twoProportionZ } from '../../../src/lib/reports/stats';

describe('normal tail', () => {
	it('matches the quantiles of the standard normal', () => {
		expect(2 * normalTail(1.959963984540054)).toBeCloseTo(0.05, 12);
		expect(2 * normalTail(2.5758293035489)).toBeCloseTo(0.01, 12);
		expect(2 * normalTail(3.2905267314919255)).toBeCloseTo(0.001, 12);
		expect(normalTail(0)).toBeCloseTo(0.5, 14);
		expect(normalTail(-1.2815515655446004)).toBeCloseTo(0.1, 12);
		// Far tail: relative precision (the p-values shown never need more).
		expect(Math.abs(normalTail(8.5) / 9.479534822203355e-18 - 1)).toBeLessThan(1e-7);
		expect(normalTail(40)).toBe(0);
	});
});

describe('two-proportion z-test', () => {
	it.each([
		// x1, n1, x2, n2, z, p (two-sided), as computed by R without continuity correction
		[30, 100, 50, 100, -2.886751345948129, 0.003892417122778627],
		[45, 500, 65, 500, -2.0213366465314055, 0.043244928043021665],
		[120, 1000, 100, 1000, 1.4293008498232314, 0.1529177818639462],
		[8, 40, 12, 40, -1.0327955589886442, 0.3016995824783481]
	])('%i/%i vs %i/%i', (x1, n1, x2, n2, z, p) => {
		const t = twoProportionZ(x1, n1, x2, n2);
		expect(t.z).toBeCloseTo(z, 10);
		expect(t.p).toBeCloseTo(p, 10);
		expect(t.diff).toBeCloseTo(x1 / n1 - x2 / n2, 14);
	});

	it('is undefined (z 0, p 1) without data or variance', () => {
		expect(twoProportionZ(0, 0, 5, 10)).toEqual({ z: 0, p: 1, diff: 0 });
		expect(twoProportionZ(0, 10, 0, 10)).toEqual({ z: 0, p: 1, diff: 0 });
		expect(twoProportionZ(10, 10, 10, 10)).toEqual({ z: 0, p: 1, diff: 0 });
	});
});

describe('verdicts', () => {
	it('names a significant leader against the runner-up, and compares each variant with the control', () => {
		const c = compare([
			{ key: 'A', n: 100, x: 30 },
			{ key: 'B', n: 100, x: 50 },
			{ key: 'C', n: 100, x: 31 }
		]);
		expect(c.verdict).toBe('significant');
		expect(c.leader).toBe('B');
		expect(c.runnerUp).toBe('C');
		expect(c.leaderRate).toBe(0.5);
		expect(c.runnerUpRate).toBe(0.31);
		expect(c.p).toBeCloseTo(twoProportionZ(50, 100, 31, 100).p, 14);
		expect(c.confidence).toBeCloseTo(1 - c.p, 14);
		expect(c.vsControl.map((v) => v.key)).toEqual(['B', 'C']);
		expect(c.vsControl[0].p).toBeCloseTo(0.003892417122778627, 10);
		expect(c.vsControl[0].diff).toBeCloseTo(0.2, 14);
	});

	it('says when the difference may be chance, when samples are too small, and ties', () => {
		expect(compare([{ key: 'A', n: 1000, x: 120 }, { key: 'B', n: 1000, x: 100 }]).verdict).toBe('not_significant');
		expect(compare([{ key: 'A', n: 20, x: 2 }, { key: 'B', n: 20, x: 12 }]).verdict).toBe('too_few');
		// Enough contacts, but too few expected successes for the normal approximation.
		expect(compare([{ key: 'A', n: 100, x: 0 }, { key: 'B', n: 100, x: 4 }]).verdict).toBe('too_few');
		expect(compare([{ key: 'A', n: 50, x: 10 }, { key: 'B', n: 50, x: 10 }])).toMatchObject({ verdict: 'tie', leader: 'A', runnerUp: 'B' });
	});

	it('has not started with fewer than two variants with contacts', () => {
		expect(compare([{ key: 'A', n: 10, x: 3 }, { key: 'B', n: 0, x: 0 }])).toMatchObject({ verdict: 'not_started', leader: 'A' });
		expect(compare([]).verdict).toBe('not_started');
	});
});
