/** The scenario runner: time order, responders, determinism, runtime problems, expectations. */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/lib/format/simulate';
import { parseScenario } from '../../../src/lib/format/parse';
import { runScenario } from '../../../src/lib/format/run';
import { formatDiagnostic } from '../../../src/lib/format/diagnostics';
import type { Report } from '../../../src/lib/format/report';
import { stepKinds } from '../../../src/lib/engine/steps/registry';
import { fs, readText, ROOT } from './node';
import { scenario, workspace } from './samples';

function report(sc: Record<string, unknown>, opts: { trace?: boolean } = {}): Report {
	const sim = simulate(sc, opts);
	if (!sim.ok) throw new Error(sim.diagnostics.map(formatDiagnostic).join('\n'));
	return sim.report;
}

const tagsOf = (r: Report, id: string) => r.contacts.find((c) => c.id === id)!.tags;

describe('time order', () => {
	it('applies events written out of order in time order', () => {
		const r = report(
			scenario({
				script: [
					{ at: '+3h', event: 'tag.added', contact: 'c1', tag: 'third' },
					{ at: '2026-03-02T10:00:00Z', event: 'tag.added', contact: 'c1', tag: 'first' },
					{ at: '+2h', event: 'tag.added', contact: 'c1', tag: 'second' }
				],
				expect: []
			})
		);
		expect(tagsOf(r, 'c1')).toEqual(['first', 'second', 'third']);
		expect(r.end).toBe('2026-03-04T12:00:00.000Z'); // "+2d" after the last event
	});

	it('keeps file order for events at the same instant', () => {
		const r = report(
			scenario({
				script: [
					{ at: '+1h', event: 'tag.added', contact: 'c1', tag: 'b' },
					{ at: '2026-03-02T10:00:00Z', event: 'tag.added', contact: 'c1', tag: 'a' },
					{ at: '+1h', event: 'tag.added', contact: 'c1', tag: 'c' }
				],
				expect: []
			})
		);
		expect(tagsOf(r, 'c1')).toEqual(['b', 'a', 'c']);
	});

	it('fires the engine timers due at an instant before a scripted event at that instant', () => {
		const ws = workspace();
		ws.automations[0].steps = [
			{ id: 'wait', kind: 'wait', wait: { mode: 'period', for: { days: 1 } }, next: 'check' },
			{ id: 'check', kind: 'if_else', conditions: { kind: 'tag', op: 'has', tag: 'x' }, yes: 'yes', no: 'no' },
			{ id: 'yes', kind: 'tag.add', tag: 'saw-x' },
			{ id: 'no', kind: 'tag.add', tag: 'missed-x' }
		];
		const r = report(
			scenario({
				workspace: ws,
				script: [
					{ at: '+0h', event: 'contacts.added', automation: 'flow', contacts: ['c1'] },
					{ at: '+1d', event: 'tag.added', contact: 'c1', tag: 'x' }
				],
				expect: []
			})
		);
		expect(tagsOf(r, 'c1')).toEqual(['missed-x', 'x']);
	});

	it('"*" adds every contact that exists at that moment', () => {
		const r = report(
			scenario({
				script: [
					{ at: '+1h', event: 'contact.upserted', data: { id: 'c3', email: 'c3@example.com', lists: { news: 'active' } } },
					{ at: '+2h', event: 'contact.deleted', contact: 'c2' },
					{ at: '+3h', event: 'contacts.added', automation: 'flow', contacts: '*' }
				],
				expect: []
			})
		);
		expect(r.contacts.map((c) => [c.id, c.automations.length, c.deleted ?? false])).toEqual([
			['c1', 1, false],
			['c2', 0, true],
			['c3', 1, false]
		]);
		expect(r.totals.contacts).toBe(2);
	});
});

describe('runtime problems are diagnostics', () => {
	it('an event for a contact deleted earlier in the script', () => {
		const sim = simulate(
			scenario({
				script: [
					{ at: '+1h', event: 'contact.deleted', contact: 'c2' },
					{ at: '+2h', event: 'tag.added', contact: 'c2', tag: 'x' }
				]
			})
		);
		expect(sim.ok).toBe(false);
		expect(sim.diagnostics.map(formatDiagnostic)).toEqual(['script[1]: tag.added: Contact "c2" does not exist. (Create the contact first or check its id.)']);
	});
});

describe('expectations', () => {
	it('explain each failure', () => {
		const r = report(
			scenario({
				workspace: workspace({ scoring: [{ id: 'x', name: 'X' }] }),
				expect: [
					{ contact: 'c1', hasTag: 'vip', lacksTag: 'greeted', field: { name: 'firstName', equals: 'Ada' } },
					{ contact: 'c2', waitingAt: { automation: 'flow', step: 'send' }, status: { automation: 'flow', is: 'exited' } },
					{ contact: 'c2', list: { id: 'news', status: 'unsubscribed' }, score: { model: 'x', equals: 3 }, received: { kind: 'email.send', count: 1 } },
					{ step: 'flow/wait', entered: 2, waiting: 1, completed: 2 },
					{ outbox: { kind: 'email.send', to: 'c1@example.com', count: 2 } },
					{ outbox: { step: 'send', count: 2 } }
				]
			})
		);
		expect(r.passed).toBe(false);
		expect(r.totals.expectations).toEqual({ passed: 2, failed: 4 });
		expect(r.expectations.map((x) => x.message ?? 'ok')).toEqual([
			'contact "c1" lacks tag "vip" (tags: ["greeted"]); contact "c1" has tag "greeted"',
			'contact "c2" in automation "flow" is completed at "bye", expected waiting at "send"; contact "c2" is completed in automation "flow" (at "bye"), expected exited',
			'contact "c2" has status "active" on list "news", expected "unsubscribed"; contact "c2" has score x = 0, expected 3; contact "c2" received 2 email.sends, expected 1',
			'step "flow/wait": waiting is 0, expected 1',
			'ok',
			'ok'
		]);
		expect(r.expectations[0].expected).toBe('c1 has tag "vip"; c1 lacks tag "greeted"; c1 field firstName = "Ada"');
	});
});

describe('determinism', () => {
	const examples = fs
		.readdirSync(`${ROOT}/tests/fixtures/scenarios`)
		.filter((f) => f.endsWith('.json'))
		.sort();

	it.each(examples)('%s gives byte-identical reports', (file) => {
		const src = readText(`tests/fixtures/scenarios/${file}`);
		const a = simulate(src);
		const b = simulate(src);
		expect(a.ok && b.ok).toBe(true);
		if (a.ok && b.ok) expect(JSON.stringify(b.report)).toBe(JSON.stringify(a.report));
	});

	it('tracing does not change the outcome', () => {
		const src = readText('tests/fixtures/scenarios/reengagement-goto-loop.json');
		const on = simulate(src);
		const off = simulate(src, { trace: false });
		if (!on.ok || !off.ok) throw new Error('does not run');
		expect(off.report.trace).toEqual([]);
		const strip = (r: Report) => JSON.stringify({ ...r, trace: [], totals: { ...r.totals, trace: 0 } });
		expect(strip(off.report)).toBe(strip(on.report));
	});

	it('the seed decides the splits', () => {
		const src = JSON.parse(readText('tests/fixtures/scenarios/reengagement-goto-loop.json'));
		const paths = (seed: number) => {
			const r = report({ ...src, seed, expect: [] });
			return r.steps.find((s) => s.step === 'winback/subject-test')!.paths!.map((p) => p.count);
		};
		const seen = new Set([1, 2, 3, 4, 5, 6].map((s) => paths(s).join('/')));
		expect(seen.size).toBeGreaterThan(1);
		expect(paths(9)).toEqual(paths(9));
	});
});

describe.skipIf(!stepKinds.has('ai.prompt'))('responders', () => {
	const ai = (id: string, next?: string) => ({ id, kind: 'ai.prompt', source: 'feedback', task: 'summarize', output: 'summary', timeout: { minutes: 1 }, ...(next ? { next } : {}) });
	const ws = workspace({
		fields: [
			{ key: 'feedback', label: 'Feedback', type: 'textarea' },
			{ key: 'summary', label: 'Summary', type: 'text' }
		],
		automations: ['a', 'b', 'c'].map((x) => ({
			id: `auto-${x}`,
			name: `Auto ${x}`,
			status: 'active',
			triggers: [{ id: 'manual', kind: 'manual', runs: 'every' }],
			steps: [ai(`sum-${x}`, 'done'), { id: 'done', kind: 'tag.add', tag: `done-${x}` }]
		}))
	});
	ws.contacts[0].fields = { feedback: 'Great coffee, slow delivery.' };
	ws.contacts[1].fields = { feedback: 'Too expensive.' };

	it('answer awaited effects at the right virtual time, or let them time out', () => {
		const r = report(
			scenario({
				workspace: ws,
				script: [
					{ at: '+0h', event: 'contacts.added', automation: 'auto-a', contacts: ['c1'] },
					{ at: '+1h', event: 'contacts.added', automation: 'auto-b', contacts: ['c2'] },
					{ at: '+2h', event: 'contacts.added', automation: 'auto-c', contacts: ['c2'] }
				],
				responders: [
					{ kind: 'ai.prompt', step: 'sum-b', after: '+5m', value: 'too late' },
					{ kind: 'ai.prompt', step: 'sum-c', ok: false, error: 'quota exceeded' },
					{ kind: 'ai.prompt', after: '+2s', value: 'Summary: {input}' }
				],
				until: '+1h',
				expect: [
					{ contact: 'c1', field: { name: 'summary', equals: 'Summary: Great coffee, slow delivery.' }, hasTag: 'done-a' },
					{ contact: 'c2', field: { name: 'summary', equals: null }, hasTag: 'done-b' }
				]
			})
		);
		expect(r.expectations.filter((x) => !x.passed)).toEqual([]);
		expect(r.outbox.map((o) => [o.kind, o.contact, o.at, o.awaitUntil, o.answer])).toEqual([
			['ai.prompt', 'c1', '2026-03-02T09:00:00.000Z', '2026-03-02T09:01:00.000Z', { at: '2026-03-02T09:00:02.000Z', ok: true, value: 'Summary: Great coffee, slow delivery.' }],
			['ai.prompt', 'c2', '2026-03-02T10:00:00.000Z', '2026-03-02T10:01:00.000Z', { at: '2026-03-02T10:05:00.000Z', ok: true, value: 'too late' }],
			['ai.prompt', 'c2', '2026-03-02T11:00:00.000Z', '2026-03-02T11:01:00.000Z', { at: '2026-03-02T11:00:00.000Z', ok: false, error: 'quota exceeded' }]
		]);
		const results = r.trace.filter((t) => t.code === 'result_received' || t.code === 'result_failed').map((t) => [t.at, t.step, t.code, t.detail?.reason ?? null]);
		expect(results).toEqual([
			['2026-03-02T09:00:02.000Z', 'sum-a', 'result_received', null],
			['2026-03-02T10:01:00.000Z', 'sum-b', 'result_failed', 'timeout'],
			['2026-03-02T11:00:00.000Z', 'sum-c', 'result_failed', 'error']
		]);
	});

	it('leave effects unanswered without a matching responder', () => {
		const r = report(
			scenario({
				workspace: ws,
				script: [{ at: '+0h', event: 'contacts.added', automation: 'auto-a', contacts: ['c1'] }],
				responders: [{ kind: 'webhook.post', value: 'ok' }],
				expect: []
			})
		);
		expect(r.outbox[0].answer).toBeUndefined();
		expect(r.trace.some((t) => t.code === 'result_failed' && t.detail?.reason === 'timeout')).toBe(true);
	});
});

describe('runScenario', () => {
	it('returns the engine for inspection', () => {
		const parsed = parseScenario(scenario());
		if (!parsed.ok) throw new Error('bad sample');
		const run = runScenario(parsed.value);
		expect(run.ok).toBe(true);
		if (run.ok) {
			expect(run.engine.world.contact('c1')!.tags).toEqual(['greeted']);
			expect(run.report.passed).toBe(true);
		}
	});
});
