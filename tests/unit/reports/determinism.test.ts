// Same seed → identical report data; the reports agree with the engine's own counters on a
// simulated population with an A/B email and a split test.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/lib/engine/engine';
import { loadWorkspace } from '../../../src/lib/engine/load';
import { WorkspaceFile } from '../../../src/lib/engine/schema/file';
import { DAY, HOUR, MINUTE } from '../../../src/lib/engine/core/time';
import { hashString, Rng } from '../../../src/lib/engine/core/random';
import type { Effect } from '../../../src/lib/engine/effects';
import type { Input } from '../../../src/lib/engine/inputs';
import { demoTemplate } from '../../../src/lib/templates/demo';
import { automationReport, workspaceTotals } from '../../../src/lib/reports';

const START = Date.UTC(2026, 2, 2, 8);

/** Runs a workspace with scheduled inputs to `until`; `react` may schedule inputs for each effect. */
function simulate(file: WorkspaceFile, seed: number, inputs: Input[], until: number, react: (fx: Effect) => Input[] = () => []) {
	const e = new Engine({ seed, start: START, defaultZone: file.timeZone });
	const diags = loadWorkspace(e, file).filter((d) => d.severity === 'error');
	if (diags.length) throw new Error(JSON.stringify(diags));
	const queue = [...inputs].sort((a, b) => a.at - b.at);
	const messages: Effect[] = [];
	const collect = () => {
		for (const fx of e.takeEffects()) {
			messages.push(fx);
			for (const i of react(fx)) {
				let k = queue.length;
				while (k > 0 && queue[k - 1].at > i.at) k--;
				queue.splice(k, 0, i);
			}
		}
	};
	for (;;) {
		const next = queue.length ? queue[0].at : Infinity;
		const timer = e.nextTimerAt();
		if (Math.min(next, timer) > until) break;
		if (timer < next) e.advanceTo(Math.max(timer, e.now));
		else {
			const res = e.apply({ ...queue.shift()!, at: Math.max(next, e.now) } as Input);
			if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
		}
		collect();
	}
	e.advanceTo(until);
	collect();
	return { e, messages };
}

function allReports(e: Engine, messages: Effect[]) {
	return { totals: workspaceTotals(e, messages), automations: [...e.slots.keys()].map((id) => automationReport(e, messages, id)) };
}

function demo(seed: number) {
	const { file, inputs } = demoTemplate.build(START, seed);
	return simulate(file, seed, inputs, START + 30 * DAY);
}

/** A population with an A/B email (3 variants) and a split test, opening with per-variant odds. */
function population(seed: number, n: number) {
	const rng = new Rng(seed);
	const file = WorkspaceFile.parse({
		format: 'journey-studio/workspace',
		version: 1,
		name: 'Population',
		timeZone: 'Europe/Paris',
		lists: [{ id: 'news', name: 'News' }],
		emails: ['a', 'b', 'c', 'follow'].map((id) => ({ id, name: `Email ${id}`, subject: id, body: `<p>${id}</p>` })),
		conversions: [{ id: 'buy', name: 'Purchase', value: 40 }],
		contacts: Array.from({ length: n }, (_, i) => ({ id: `p${i}`, email: `p${i}@example.com` })),
		automations: [
			{
				id: 'launch',
				name: 'Launch',
				status: 'active',
				triggers: [{ id: 'sub', kind: 'list.subscribed', list: 'news', runs: 'once' }],
				steps: [
					{ id: 'ab', kind: 'email.send', email: 'a', abTest: { variants: ['b', 'c'], winnerBy: 'opens', decideAfter: { days: 2 } }, next: 'pause' },
					{ id: 'pause', kind: 'wait', wait: { mode: 'period', for: { days: 2 } }, next: 'test' },
					{
						id: 'test',
						kind: 'split',
						mode: 'test',
						paths: [{ label: 'Follow-up', percent: 50, next: 'follow' }, { label: 'Nothing', percent: 50 }],
						winner: { conditions: { kind: 'conversion', op: 'made', conversion: 'buy' }, decide: { kind: 'date', at: '2026-03-20T00:00:00Z' } }
					},
					{ id: 'follow', kind: 'email.send', email: 'follow', next: 'goal' },
					{ id: 'goal', kind: 'goal', label: 'Bought', conditions: { kind: 'conversion', op: 'made', conversion: 'buy' }, ifUnmet: 'wait' }
				]
			}
		]
	});
	const inputs: Input[] = file.contacts.map((c) => ({ type: 'list.subscribed', at: START + Math.floor(rng.next() * 10 * DAY), contact: c.id, list: 'news' }));
	const openOdds: Record<string, number> = { a: 0.2, b: 0.35, c: 0.25, follow: 0.3 };
	const react = (fx: Effect): Input[] => {
		if (fx.kind !== 'email.send') return [];
		const r = new Rng(hashString(fx.key, seed));
		const email = String(fx.payload.email);
		const out: Input[] = [];
		if (r.next() < openOdds[email]) {
			const at = fx.at + Math.floor((MINUTE + r.next() * 12 * HOUR) / MINUTE) * MINUTE;
			out.push({ type: 'email.opened', at, contact: fx.contact, email });
			if (r.next() < 0.3) out.push({ type: 'email.clicked', at: at + 5 * MINUTE, contact: fx.contact, email, link: 'https://shop.example/' });
			if (email === 'follow' && r.next() < 0.4) out.push({ type: 'conversion.made', at: at + HOUR, contact: fx.contact, conversion: 'buy' });
		}
		return out;
	};
	return simulate(file, seed, inputs, START + 25 * DAY, react);
}

describe('determinism', () => {
	it('the demo gives byte-identical reports for the same seed, and different ones for another seed', () => {
		const a = demo(42);
		const b = demo(42);
		const c = demo(43);
		const ja = JSON.stringify(allReports(a.e, a.messages));
		expect(JSON.stringify(allReports(b.e, b.messages))).toBe(ja);
		expect(JSON.stringify(allReports(c.e, c.messages))).not.toBe(ja);
		expect(a.messages.length).toBeGreaterThan(50);
	});

	it('a simulated population gives identical reports for the same seed', () => {
		const a = population(7, 3000);
		const b = population(7, 3000);
		expect(JSON.stringify(automationReport(b.e, b.messages, 'launch'))).toBe(JSON.stringify(automationReport(a.e, a.messages, 'launch')));
	});
});

describe('reports agree with the engine', () => {
	const { e, messages } = population(11, 3000);
	const r = automationReport(e, messages, 'launch')!;

	it('entries, step arrivals and the people waiting now match the engine counters', () => {
		expect(r.funnel[0].count).toBe(e.autoStats.get('launch')!.entered);
		expect(r.funnel[0].count).toBe(3000);
		// Nothing loops here, so every arrival is a distinct entry.
		for (const row of r.funnel.filter((x) => x.kind === 'step')) expect(row.count).toBe(e.statsFor('launch', row.step!).entered);
		for (const s of r.waiting.steps) expect(s.counts.at(-1)).toBe(e.statsFor('launch', s.step).waiting);
		expect(r.waiting.steps.map((s) => s.step)).toEqual(['pause', 'goal']);
	});

	it('the A/B email: every send counted once, the winner leads, verdict backed by the z-test', () => {
		const ab = r.tests.find((t) => t.step === 'ab')!;
		const sends = messages.filter((m) => m.step === 'ab').length;
		expect(ab.variants.reduce((n, v) => n + v.samples.opens!.n, 0)).toBe(sends);
		expect(ab.winner?.key).toBe('B');
		const opens = ab.comparisons.opens!;
		expect(opens.leader).toBe('B');
		expect(opens.verdict).toBe('significant');
		expect(opens.p).toBeLessThan(0.05);
		// Rates near the simulated odds.
		const rate = (k: string) => ab.variants.find((v) => v.key === k)!.samples.opens!;
		expect(rate('B').x / rate('B').n).toBeGreaterThan(0.3);
		expect(rate('A').x / rate('A').n).toBeLessThan(0.26);
	});

	it('the split test: paths share the entries, the follow-up path converts', () => {
		const split = r.tests.find((t) => t.step === 'test')!;
		expect(split.metrics[0]).toBe('winning');
		const [follow, nothing] = split.variants;
		expect(follow.samples.completed!.n + nothing.samples.completed!.n).toBe(e.statsFor('launch', 'test').entered);
		expect(follow.samples.winning!.x).toBeGreaterThan(0);
		expect(nothing.samples.winning!.x).toBe(0);
		expect(split.winner?.key).toBe('path0');
		const paths = r.paths.find((p) => p.step === 'test')!;
		expect(paths.paths.map((p) => p.entries)).toEqual([follow.samples.completed!.n, nothing.samples.completed!.n]);
	});

	it('sends per day add up to the messages', () => {
		expect(r.sends.series.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0)).toBe(messages.length);
	});
});
