/**
 * Workflow steps: if/else traces, conditional waits, goals, go-to caps, splits, end steps, and
 * publishing a new version while contacts are in flight.
 */
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, parseInstant } from '../../../src/lib/engine/core/time';
import type { Engine } from '../../../src/lib/engine/engine';
import { compileCondition } from '../../../src/lib/engine/conditions/compile';
import { splitState } from '../../../src/lib/engine/steps/split';
import { contacts, engineWith, must, T0, whereIs } from './helpers';

function traceOf(e: Engine, contact: string) {
	const c = e.world.contact(contact)!;
	return e.trace.indicesOfContact(c.idx).map((i) => {
		const x = e.trace.entry(i);
		return { at: x.at - T0, code: x.code, step: x.step >= 0 ? e.steps[x.step].id : null, detail: x.detail };
	});
}
/** "code@step" of a contact's trace, compact for whole-journey assertions. */
const codes = (e: Engine, contact: string) => traceOf(e, contact).map((x) => `${x.code}@${x.step ?? '-'}`);

/** Chains steps with `next` in list order unless a step sets its own edges. */
function chain(steps: Record<string, unknown>[]): Record<string, unknown>[] {
	return steps.map((s, i) => ('next' in s || 'yes' in s || 'paths' in s || s.kind === 'goto' || s.kind === 'automation.end_this' || i === steps.length - 1 ? s : { ...s, next: steps[i + 1].id }));
}
const manual = [{ id: 'm', kind: 'manual', runs: 'every' }];
const auto = (id: string, steps: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({ id, name: id, status: 'active', triggers: manual, steps: chain(steps), ...extra });
const tag = (id: string, t = id) => ({ id, kind: 'tag.add', tag: t });
const wait = (id: string, w: Record<string, unknown>) => ({ id, kind: 'wait', wait: w });
const period = (id: string, ms: Record<string, number>) => wait(id, { mode: 'period', for: ms });
const hasTag = (t: string) => ({ kind: 'tag', op: 'has', tag: t });

const ws = (automations: unknown[], extra: Record<string, unknown> = {}) =>
	engineWith({
		lists: [{ id: 'news', name: 'News' }],
		emails: [{ id: 'e1', name: 'E1', subject: 'S', body: 'B' }],
		fields: [{ key: 'score', label: 'Score', type: 'number' }],
		contacts: contacts(6, { timeZone: 'Europe/Paris' }),
		automations,
		...extra
	});
const add = (e: Engine, automation: string, ids: string[], at = e.now) => must(e, { type: 'contacts.added', at, automation, contacts: ids });

describe('if/else', () => {
	it('takes Yes/No by the conditions and records the values seen', () => {
		const e = ws([
			auto('a', [
				{ id: 'if', kind: 'if_else', conditions: { all: [hasTag('vip'), { kind: 'field', field: 'score', op: 'gte', value: 10 }] }, yes: 'y', no: 'n' },
				{ ...tag('y'), next: null },
				tag('n')
			])
		]);
		must(e, { type: 'tag.added', at: T0, contact: 'c1', tag: 'vip' });
		must(e, { type: 'field.changed', at: T0, contact: 'c1', field: 'score', value: 12 });
		must(e, { type: 'field.changed', at: T0, contact: 'c2', field: 'score', value: 50 });
		add(e, 'a', ['c1', 'c2']);
		const b1 = traceOf(e, 'c1').find((x) => x.code === 'branch')!;
		expect(b1.detail).toEqual({ path: 'yes', seen: [{ what: 'tag vip', value: true, ok: true }, { what: 'field score', value: 12, ok: true }] });
		const b2 = traceOf(e, 'c2').find((x) => x.code === 'branch')!;
		expect(b2.detail).toEqual({ path: 'no', seen: [{ what: 'tag vip', value: false, ok: false }, { what: 'field score', value: 50, ok: true }] });
		expect(e.world.contact('c1')!.tags).toEqual(['vip', 'y']);
		expect(e.world.contact('c2')!.tags).toEqual(['n']);
		expect(e.statsFor('a', 'if').paths).toEqual([1, 1]);
	});
});

describe('conditional wait', () => {
	const cw = (extra: Record<string, unknown> = {}, cond: unknown = hasTag('paid')) => ws([auto('a', [wait('w', { mode: 'until_conditions', conditions: cond, ...extra }), tag('after')])]);

	it('is re-evaluated when the data changes, not by polling', () => {
		const e = cw();
		add(e, 'a', ['c1']);
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@w');
		expect(e.nextTimerAt()).toBe(Infinity);
		must(e, { type: 'tag.added', at: T0 + 5 * DAY, contact: 'c1', tag: 'other' });
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@w');
		must(e, { type: 'tag.added', at: T0 + 6 * DAY, contact: 'c1', tag: 'paid' });
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
		const ended = traceOf(e, 'c1').find((x) => x.code === 'wait_ended')!;
		expect(ended).toMatchObject({ at: 6 * DAY, detail: { reason: 'conditions_met', seen: [{ what: 'tag paid', value: true, ok: true }] } });
	});

	it('goes on at once when the conditions already hold', () => {
		const e = cw();
		must(e, { type: 'tag.added', at: T0, contact: 'c1', tag: 'paid' });
		add(e, 'a', ['c1']);
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
	});

	it('moves on after the time limit', () => {
		const e = cw({ timeLimit: { days: 2 } });
		add(e, 'a', ['c1']);
		e.advanceTo(T0 + 2 * DAY - 1);
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@w');
		e.advanceTo(T0 + 2 * DAY);
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
		expect(traceOf(e, 'c1').find((x) => x.code === 'wait_ended')!.detail).toMatchObject({ reason: 'time_limit' });
	});

	it('a data change from another automation releases it in the same instant', () => {
		const e = ws([auto('a', [wait('w', { mode: 'until_conditions', conditions: hasTag('paid') }), tag('after')]), auto('b', [tag('pay', 'paid')])]);
		add(e, 'a', ['c1']);
		add(e, 'b', ['c1'], T0 + HOUR);
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
		expect(traceOf(e, 'c1').filter((x) => x.step === 'after')[0].at).toBe(HOUR);
	});

	it('account and deal changes re-evaluate the wait of the contacts concerned', () => {
		const e = engineWith({
			accountFields: [{ key: 'tier', label: 'Tier', type: 'text' }],
			accounts: [{ id: 'acme', name: 'Acme' }],
			pipelines: [{ id: 'p', name: 'P', stages: [{ id: 'open', name: 'Open' }, { id: 'signed', name: 'Signed' }] }],
			contacts: [{ id: 'c1', account: 'acme' }, { id: 'c2', account: 'acme' }, { id: 'c3' }],
			deals: [{ id: 'd3', contact: 'c3', pipeline: 'p', stage: 'open', title: 'D' }],
			automations: [
				auto('acc', [wait('w', { mode: 'until_conditions', conditions: { kind: 'account', field: 'tier', op: 'eq', value: 'gold' } }), tag('after')]),
				auto('deal', [wait('w', { mode: 'until_conditions', conditions: { kind: 'deal', op: 'has', stage: 'signed' } }), tag('after')])
			]
		});
		add(e, 'acc', ['c1', 'c2']);
		add(e, 'deal', ['c3']);
		must(e, { type: 'account.updated', at: T0 + HOUR, account: { id: 'acme', name: 'Acme', fields: { tier: 'gold' } } });
		expect([whereIs(e, 'c1', 'acc'), whereIs(e, 'c2', 'acc')]).toEqual(['completed@after', 'completed@after']);
		expect(whereIs(e, 'c3', 'deal')).toBe('waiting@w');
		must(e, { type: 'deal.updated', at: T0 + 2 * HOUR, deal: 'd3', changes: { stage: 'signed' } });
		expect(whereIs(e, 'c3', 'deal')).toBe('completed@after');
	});

	it('time conditions are re-checked on local hour boundaries', () => {
		const e = cw({}, { kind: 'time', part: 'hour', op: 'eq', value: 14 });
		add(e, 'a', ['c1']); // 10:00 in Paris
		e.advanceTo(parseInstant('2026-03-02T12:59:00Z'));
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@w');
		e.advanceTo(parseInstant('2026-03-02T13:00:00Z'));
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
	});
});

describe('goals (jump to)', () => {
	const goalAuto = (ifUnmet: string, cond: unknown = hasTag('bought')) =>
		auto('a', [period('w1', { days: 1 }), tag('t1'), period('w2', { days: 1 }), { id: 'g', kind: 'goal', conditions: cond, ifUnmet }, tag('after')]);

	it('a contact anywhere upstream jumps to the goal the moment it meets it', () => {
		const e = ws([goalAuto('continue')]);
		add(e, 'a', ['c1', 'c2']);
		must(e, { type: 'tag.added', at: T0 + HOUR, contact: 'c1', tag: 'bought' });
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
		expect(codes(e, 'c1')).toEqual(['entered@-', 'wait_started@w1', 'goal_achieved@g', 'step_done@after', 'completed@after']);
		expect(traceOf(e, 'c1').find((x) => x.code === 'goal_achieved')!.detail).toMatchObject({ jumpedFrom: 'w1' });
		expect(e.world.contact('c1')!.tags).not.toContain('t1');
		expect(whereIs(e, 'c2', 'a')).toBe('waiting@w1');
		expect(e.statsFor('a', 'w1').waiting).toBe(1);
		expect(e.statsFor('a', 'g')).toMatchObject({ entered: 1, completed: 1 });
	});

	it('jumps from inside a branch upstream of the goal', () => {
		const e = ws([
			auto('a', [
				{ id: 'if', kind: 'if_else', conditions: hasTag('vip'), yes: 'wy', no: 'wn' },
				{ ...period('wy', { days: 3 }), next: 'g' },
				{ ...period('wn', { days: 5 }), next: 'g' },
				{ id: 'g', kind: 'goal', conditions: hasTag('bought'), next: 'after' },
				tag('after')
			])
		]);
		add(e, 'a', ['c1']);
		must(e, { type: 'tag.added', at: T0 + DAY, contact: 'c1', tag: 'bought' });
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
	});

	it('a step upstream that changes the data jumps at once', () => {
		const e = ws([auto('a', [tag('buy', 'bought'), period('w', { days: 3 }), { id: 'g', kind: 'goal', conditions: hasTag('bought') }, tag('after')])]);
		add(e, 'a', ['c1']);
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
		expect(codes(e, 'c1')).not.toContain('wait_started@w');
	});

	it('a goal met at entry is achieved at once (steps before it are skipped)', () => {
		const e = ws([goalAuto('continue')]);
		must(e, { type: 'tag.added', at: T0, contact: 'c1', tag: 'bought' });
		add(e, 'a', ['c1']);
		expect(codes(e, 'c1')).toEqual(['entered@-', 'goal_achieved@g', 'step_done@after', 'completed@after']);
	});

	it('a goal as the first step: met at entry, or held there until met', () => {
		const e = ws([auto('a', [{ id: 'g', kind: 'goal', conditions: hasTag('bought'), ifUnmet: 'wait' }, tag('after')])]);
		must(e, { type: 'tag.added', at: T0, contact: 'c1', tag: 'bought' });
		add(e, 'a', ['c1', 'c2']);
		expect(codes(e, 'c1')).toEqual(['entered@-', 'goal_achieved@g', 'step_done@after', 'completed@after']);
		expect(whereIs(e, 'c2', 'a')).toBe('waiting@g');
		must(e, { type: 'tag.added', at: T0 + HOUR, contact: 'c2', tag: 'bought' });
		expect(whereIs(e, 'c2', 'a')).toBe('completed@after');
		expect(traceOf(e, 'c2').filter((x) => x.code === 'goal_achieved')).toHaveLength(1);
	});

	it('reached unmet: continue (a "goal skipped" is logged)', () => {
		const e = ws([goalAuto('continue')]);
		add(e, 'a', ['c1']);
		e.advanceTo(T0 + 2 * DAY);
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
		expect(traceOf(e, 'c1').find((x) => x.code === 'goal_skipped')!.detail).toMatchObject({ then: 'continue' });
	});

	it('reached unmet: wait until met', () => {
		const e = ws([goalAuto('wait')]);
		add(e, 'a', ['c1']);
		e.advanceTo(T0 + 10 * DAY);
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@g');
		must(e, { type: 'tag.added', at: T0 + 11 * DAY, contact: 'c1', tag: 'bought' });
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
		expect(e.statsFor('a', 'g').waiting).toBe(0);
	});

	it('reached unmet: end the automation (exit with the reason)', () => {
		const e = ws([goalAuto('end')]);
		add(e, 'a', ['c1']);
		e.advanceTo(T0 + 2 * DAY);
		expect(whereIs(e, 'c1', 'a')).toBe('exited@g');
		expect(traceOf(e, 'c1').at(-1)!.detail).toMatchObject({ reason: 'goal_not_met', goal: 'g' });
	});

	it('is met at most once per entry (and again in a new entry)', () => {
		const e = ws([
			auto('a', [period('w', { hours: 1 }), { id: 'g', kind: 'goal', conditions: hasTag('bought'), ifUnmet: 'continue' }, tag('after', 'after'), { id: 'back', kind: 'goto', target: 'w' }]),
			{ id: 'listen', name: 'listen', status: 'active', triggers: [{ id: 't', kind: 'goal.achieved', automation: 'a', goal: 'g', runs: 'every' }], steps: [tag('heard')] }
		]);
		must(e, { type: 'tag.added', at: T0, contact: 'c1', tag: 'bought' });
		add(e, 'a', ['c1']);
		e.advanceTo(T0 + 5 * HOUR);
		const t = traceOf(e, 'c1');
		expect(t.filter((x) => x.code === 'goal_achieved')).toHaveLength(1);
		expect(t.filter((x) => x.step === 'g' && x.detail?.reason === 'already_achieved').length).toBeGreaterThan(2);
		const listenRuns = t.filter((x) => x.code === 'entered').length;
		expect(listenRuns).toBe(2); // a + listen once
		add(e, 'a', ['c1']);
		expect(traceOf(e, 'c1').filter((x) => x.code === 'goal_achieved')).toHaveLength(2);
	});

	it('when several goals are met, the furthest one wins', () => {
		const e = ws([auto('a', [period('w', { days: 1 }), { id: 'g1', kind: 'goal', conditions: hasTag('x') }, period('w2', { days: 1 }), { id: 'g2', kind: 'goal', conditions: hasTag('x') }, tag('after')])]);
		add(e, 'a', ['c1']);
		must(e, { type: 'tag.added', at: T0 + HOUR, contact: 'c1', tag: 'x' });
		expect(codes(e, 'c1')).toEqual(['entered@-', 'wait_started@w', 'goal_achieved@g2', 'step_done@after', 'completed@after']);
	});
});

describe('go to', () => {
	it('a loop without a wait is stopped after 3 passes, with the reason logged', () => {
		const e = ws([auto('a', [{ id: 't', kind: 'tag.add', tag: 'x', next: 'back' }, { id: 'back', kind: 'goto', target: 't' }])]);
		add(e, 'a', ['c1']);
		expect(whereIs(e, 'c1', 'a')).toBe('exited@back');
		const t = traceOf(e, 'c1');
		expect(t.filter((x) => x.code === 'jumped')).toHaveLength(3);
		expect(t.at(-1)).toMatchObject({ code: 'exited', step: 'back', detail: { reason: 'goto_loop_without_wait', step: 'back', passes: 3 } });
	});

	it('a wait in the loop resets the no-wait guard; 10 passes per rolling 24 h, the 11th exits', () => {
		const e = ws([auto('a', [period('w', { hours: 2 }), tag('t', 'x'), { id: 'back', kind: 'goto', target: 'w' }])]);
		add(e, 'a', ['c1']);
		e.advanceTo(T0 + 3 * DAY);
		expect(whereIs(e, 'c1', 'a')).toBe('exited@back');
		const t = traceOf(e, 'c1');
		expect(t.filter((x) => x.code === 'jumped').map((x) => x.at / HOUR)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
		expect(t.at(-1)).toMatchObject({ at: 22 * HOUR, code: 'exited', detail: { reason: 'goto_limit_24h', step: 'back', passes: 10, limit: 10 } });
	});

	it('the window is rolling: passes spaced over 24 h go on', () => {
		const e = ws([auto('a', [period('w', { hours: 2, minutes: 30 }), { id: 'back', kind: 'goto', target: 'w' }])]);
		add(e, 'a', ['c1']);
		e.advanceTo(T0 + 3 * DAY);
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@w');
	});

	it('counts per contact across entries', () => {
		const e = ws([auto('a', [period('w', { hours: 1 }), { id: 'back', kind: 'goto', target: 'w' }])]);
		add(e, 'a', ['c1']);
		add(e, 'a', ['c1'], T0 + 30 * MINUTE);
		add(e, 'a', ['c2'], T0 + 30 * MINUTE);
		e.advanceTo(T0 + 6 * HOUR);
		const c1 = e.world.contact('c1')!;
		const statuses = [];
		for (let r = c1.firstRun; r >= 0; r = e.runs.nextOfContact[r]) statuses.push(e.runs.status[r]);
		expect(statuses.filter((s) => s === 3)).toHaveLength(1); // 10 passes shared: the second run exits on the 11th
		expect(whereIs(e, 'c2', 'a')).toBe('waiting@w');
	});
});

describe('split', () => {
	const paths = (n: number, pct?: number[]) => Array.from({ length: n }, (_, i) => ({ label: 'ABCDE'[i], next: `p${i}`, ...(pct ? { percent: pct[i] } : {}) }));
	const splitAuto = (split: Record<string, unknown>, n = 2) =>
		auto('a', [{ id: 's', kind: 'split', ...split }, ...Array.from({ length: n }, (_, i) => ({ ...tag(`p${i}`), next: 'w' })), period('w', { days: 30 })]);
	const pathOf = (e: Engine, c: string) => {
		const b = traceOf(e, c).find((x) => x.code === 'branch');
		return b ? (b.detail!.path as string) : null;
	};
	const many = (n: number) => contacts(n);

	it('even: round robin', () => {
		const e = ws([splitAuto({ mode: 'even', paths: paths(3) }, 3)]);
		add(e, 'a', ['c1', 'c2', 'c3', 'c4', 'c5']);
		expect(['c1', 'c2', 'c3', 'c4', 'c5'].map((c) => pathOf(e, c))).toEqual(['A', 'B', 'C', 'A', 'B']);
		expect(e.statsFor('a', 's').paths).toEqual([2, 2, 1]);
	});

	it('percent: seeded draws near the percentages, same seed same paths', () => {
		const run = (seed: number) => {
			const e = engineWith({ lists: [{ id: 'news', name: 'News' }], contacts: many(1000), automations: [splitAuto({ mode: 'percent', paths: paths(2, [30, 70]) })] }, { seed, trace: false });
			add(e, 'a', many(1000).map((c) => c.id));
			return e.statsFor('a', 's').paths.slice();
		};
		const a = run(7);
		expect(a[0] + a[1]).toBe(1000);
		expect(a[0]).toBeGreaterThan(250);
		expect(a[0]).toBeLessThan(350);
		expect(run(7)).toEqual(a);
		expect(run(8)).not.toEqual(a);
	});

	it('paths are sticky: a contact entering again takes the same path', () => {
		const e = ws([splitAuto({ mode: 'even', paths: paths(2) })]);
		add(e, 'a', ['c1', 'c2']);
		add(e, 'a', ['c2', 'c1'], T0 + HOUR);
		const second = traceOf(e, 'c1').filter((x) => x.code === 'branch');
		expect(second.map((x) => [x.detail!.path, x.detail!.why])).toEqual([
			['A', 'round_robin'],
			['A', 'sticky']
		]);
	});

	const opened = { kind: 'action', action: 'opened', op: 'has', email: 'e1' };
	const testSplit = (decide: Record<string, unknown>) => splitAuto({ mode: 'test', paths: paths(2, [50, 50]), winner: { conditions: opened, decide } });
	const abWinner = (e: Engine) => splitState(e, 'a', 's');

	it('test, winner by date: random until the date, then everyone on the winner', () => {
		const decideAt = T0 + 2 * DAY;
		const e = ws([testSplit({ kind: 'date', at: new Date(decideAt).toISOString() })]);
		add(e, 'a', ['c1', 'c2', 'c3', 'c4']);
		const before = ['c1', 'c2', 'c3', 'c4'].map((c) => pathOf(e, c));
		const onB = ['c1', 'c2', 'c3', 'c4'].filter((_, i) => before[i] === 'B');
		expect(onB.length).toBeGreaterThan(0);
		for (const c of onB) must(e, { type: 'email.opened', at: T0 + DAY, contact: c, email: 'e1' });
		e.advanceTo(decideAt);
		expect(abWinner(e)).toMatchObject({ decided: 1, decidedAt: decideAt });
		add(e, 'a', ['c5', 'c6']);
		expect([pathOf(e, 'c5'), pathOf(e, 'c6')]).toEqual(['B', 'B']);
		expect(traceOf(e, 'c5').find((x) => x.code === 'branch')!.detail!.why).toBe('winner');
	});

	it('test, winner by date: a tie goes to A', () => {
		const decideAt = T0 + DAY;
		const e = ws([testSplit({ kind: 'date', at: new Date(decideAt).toISOString() })]);
		add(e, 'a', ['c1', 'c2', 'c3', 'c4']);
		e.advanceTo(decideAt);
		expect(abWinner(e)).toMatchObject({ decided: 0, matches: [0, 0] });
		add(e, 'a', ['c5']);
		expect(pathOf(e, 'c5')).toBe('A');
	});

	it('test, winner by number of contacts', () => {
		const e = ws([testSplit({ kind: 'contacts', count: 4 })]);
		for (const c of ['c1', 'c2', 'c3', 'c4']) must(e, { type: 'email.opened', at: T0, contact: c, email: 'e1' });
		add(e, 'a', ['c1', 'c2', 'c3']);
		expect(abWinner(e)!.decided).toBe(-1);
		add(e, 'a', ['c4']);
		const st = abWinner(e)!;
		expect(st.decided).toBe(st.matches![1] > st.matches![0] ? 1 : 0);
		expect(st.matches![0] + st.matches![1]).toBe(4);
		add(e, 'a', ['c5']);
		expect(pathOf(e, 'c5')).toBe('AB'[st.decided]);
	});

	it('test, winner by matches: the first path with N matching contacts (checked hourly)', () => {
		const e = ws([testSplit({ kind: 'matches', count: 1 })]);
		add(e, 'a', ['c1', 'c2', 'c3', 'c4']);
		const onB = ['c1', 'c2', 'c3', 'c4'].find((c) => pathOf(e, c) === 'B')!;
		must(e, { type: 'email.opened', at: T0 + 10 * MINUTE, contact: onB, email: 'e1' });
		expect(abWinner(e)!.decided).toBe(-1);
		e.advanceTo(T0 + HOUR);
		expect(abWinner(e)!.decided).toBe(1);
	});

	it('until: everyone on A until N contacts passed, then B (no winner chosen)', () => {
		const e = ws([splitAuto({ mode: 'until', paths: paths(2), until: { decide: { kind: 'contacts', count: 2 } } })]);
		add(e, 'a', ['c1', 'c2', 'c3', 'c4']);
		expect(['c1', 'c2', 'c3', 'c4'].map((c) => pathOf(e, c))).toEqual(['A', 'A', 'B', 'B']);
	});

	it('until: switches on a date and on matching contacts of A', () => {
		const e = ws([splitAuto({ mode: 'until', paths: paths(2), until: { decide: { kind: 'date', at: new Date(T0 + DAY).toISOString() } } })]);
		add(e, 'a', ['c1']);
		add(e, 'a', ['c2'], T0 + DAY);
		expect([pathOf(e, 'c1'), pathOf(e, 'c2')]).toEqual(['A', 'B']);
		const m = ws([splitAuto({ mode: 'until', paths: paths(2), until: { conditions: hasTag('buyer'), decide: { kind: 'matches', count: 1 } } })]);
		add(m, 'a', ['c1', 'c2']);
		must(m, { type: 'tag.added', at: T0 + MINUTE, contact: 'c2', tag: 'buyer' });
		m.advanceTo(T0 + HOUR);
		add(m, 'a', ['c3']);
		expect([pathOf(m, 'c1'), pathOf(m, 'c2'), pathOf(m, 'c3')]).toEqual(['A', 'A', 'B']);
	});
});

describe('end steps', () => {
	const others = [
		auto('b', [period('w', { days: 5 }), tag('b-done')]),
		auto('c', [period('w', { days: 5 }), tag('c-done')])
	];

	it('end another automation (named)', () => {
		const e = ws([...others, auto('a', [{ id: 'end', kind: 'automation.end_other', automation: 'b' }, tag('after')])]);
		add(e, 'b', ['c1']);
		add(e, 'c', ['c1']);
		add(e, 'a', ['c1'], T0 + HOUR);
		expect(whereIs(e, 'c1', 'b')).toBe('exited@w');
		expect(whereIs(e, 'c1', 'c')).toBe('waiting@w');
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
		expect(traceOf(e, 'c1').find((x) => x.code === 'exited')!.detail).toEqual({ reason: 'ended_by_automation', by: 'a' });
		expect(e.statsFor('b', 'w').waiting).toBe(0);
	});

	it('end all other automations (not this one, nor other contacts)', () => {
		const e = ws([...others, auto('a', [{ id: 'end', kind: 'automation.end_other', automation: '*' }, period('w', { days: 1 }), tag('after')])]);
		add(e, 'b', ['c1', 'c2']);
		add(e, 'c', ['c1']);
		add(e, 'a', ['c1'], T0 + HOUR);
		add(e, 'a', ['c1'], T0 + 2 * HOUR);
		expect(whereIs(e, 'c1', 'b')).toBe('exited@w');
		expect(whereIs(e, 'c1', 'c')).toBe('exited@w');
		expect(whereIs(e, 'c2', 'b')).toBe('waiting@w');
		const c1 = e.world.contact('c1')!;
		let waitingInA = 0;
		for (let r = c1.firstRun; r >= 0; r = e.runs.nextOfContact[r]) if (e.autos[e.runs.auto[r]].id === 'a' && e.runs.status[r] === 1) waitingInA++;
		expect(waitingInA).toBe(2);
	});

	it('end this automation completes the run there', () => {
		const e = ws([auto('a', [tag('before'), { id: 'stop', kind: 'automation.end_this' }, tag('never')])]);
		add(e, 'a', ['c1']);
		expect(whereIs(e, 'c1', 'a')).toBe('completed@stop');
		expect(e.world.contact('c1')!.tags).toEqual(['before']);
		expect(traceOf(e, 'c1').at(-1)).toMatchObject({ code: 'completed', detail: { reason: 'end_step' } });
	});
});

describe('publishing a new version with contacts in flight', () => {
	const v1 = (steps: Record<string, unknown>[], extra: Record<string, unknown> = {}) => auto('a', steps, extra);
	const publish = (e: Engine, def: unknown, at = e.now) => e.apply({ type: 'automation.published', at, automation: def as never });

	it('a deleted wait releases its contacts to the next step', () => {
		const e = ws([v1([period('w1', { days: 3 }), tag('t1'), period('w2', { days: 3 }), tag('t2')])]);
		add(e, 'a', ['c1']);
		expect(publish(e, v1([tag('t1'), period('w2', { days: 3 }), tag('t2')]), T0 + DAY).ok).toBe(true);
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@w2');
		expect(e.world.contact('c1')!.tags).toEqual(['t1']);
		expect(traceOf(e, 'c1').find((x) => x.code === 'migrated')!.detail).toMatchObject({ released: true, to: 't1', version: 2 });
		expect(e.statsFor('a', 'w1').waiting).toBe(0);
		expect(e.statsFor('a', 'w2').waiting).toBe(1);
	});

	it('a deleted wait with deleted followers releases to the next surviving step, or ends', () => {
		const e = ws([v1([period('w1', { days: 3 }), tag('t1'), tag('t2')])]);
		add(e, 'a', ['c1']);
		publish(e, v1([tag('t2')]), T0 + DAY);
		expect(whereIs(e, 'c1', 'a')).toBe('completed@t2');
		expect(e.world.contact('c1')!.tags).toEqual(['t2']);
		const f = ws([v1([tag('t0'), period('w1', { days: 3 }), tag('t1')])]);
		add(f, 'a', ['c1']);
		publish(f, v1([tag('t0')]), T0 + DAY);
		expect(whereIs(f, 'c1', 'a')).toBe('completed@w1');
	});

	it('a lengthened wait keeps the time already spent', () => {
		const e = ws([v1([period('w', { days: 2 }), tag('after')])]);
		add(e, 'a', ['c1']);
		publish(e, v1([period('w', { days: 3 }), tag('after')]), T0 + DAY);
		e.advanceTo(T0 + 3 * DAY - 1);
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@w');
		e.advanceTo(T0 + 3 * DAY);
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
	});

	it('a shortened wait releases at once those already past the new time', () => {
		const e = ws([v1([period('w', { days: 3 }), tag('after')])]);
		add(e, 'a', ['c1']);
		add(e, 'a', ['c2'], T0 + 1.5 * DAY);
		publish(e, v1([period('w', { days: 1 }), tag('after')]), T0 + 2 * DAY);
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
		expect(traceOf(e, 'c1').find((x) => x.step === 'after')!.at).toBe(2 * DAY);
		expect(whereIs(e, 'c2', 'a')).toBe('waiting@w');
		e.advanceTo(T0 + 2.5 * DAY);
		expect(whereIs(e, 'c2', 'a')).toBe('completed@after');
	});

	it('changed wait conditions are re-evaluated', () => {
		const e = ws([v1([wait('w', { mode: 'until_conditions', conditions: hasTag('x'), timeLimit: { days: 5 } }), tag('after')])]);
		add(e, 'a', ['c1', 'c2']);
		must(e, { type: 'tag.added', at: T0 + HOUR, contact: 'c2', tag: 'y' });
		publish(e, v1([wait('w', { mode: 'until_conditions', conditions: hasTag('y'), timeLimit: { days: 2 } }), tag('after')]), T0 + DAY);
		expect(whereIs(e, 'c2', 'a')).toBe('completed@after');
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@w');
		e.advanceTo(T0 + 2 * DAY);
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
	});

	it('a split cannot change once contacts passed it (split.locked); labels and edges may', () => {
		const split = (pct: number[], label = 'A') => ({ id: 's', kind: 'split', mode: 'percent', paths: [{ label, percent: pct[0], next: 'p0' }, { label: 'B', percent: pct[1], next: 'p1' }] });
		const steps = (s: Record<string, unknown>) => [s, { ...tag('p0'), next: 'w' }, { ...tag('p1'), next: 'w' }, period('w', { days: 1 })];
		const e = ws([v1(steps(split([50, 50])))]);
		expect(publish(e, v1(steps(split([60, 40])))).ok).toBe(true); // nobody passed yet
		add(e, 'a', ['c1']);
		const res = publish(e, v1(steps(split([70, 30]))));
		expect(res.ok).toBe(false);
		if (!res.ok) expect(res.diagnostics).toEqual([expect.objectContaining({ code: 'split.locked', step: 's', severity: 'error' })]);
		expect(publish(e, v1(steps(split([60, 40], 'Variant A')))).ok).toBe(true);
	});

	it('goals already achieved stay achieved when step positions change', () => {
		const steps = [period('w0', { hours: 1 }), { id: 'gA', kind: 'goal', conditions: hasTag('paid') }, period('w1', { days: 5 }), { id: 'gB', kind: 'goal', conditions: hasTag('vip'), ifUnmet: 'wait' }, tag('after')];
		const e = ws([v1(steps)]);
		must(e, { type: 'tag.added', at: T0, contact: 'c1', tag: 'paid' });
		add(e, 'a', ['c1']);
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@w1');
		const achieved = compileCondition({ kind: 'automation', op: 'achieved_goal', automation: 'a', goal: 'gA' });
		expect(achieved.test(e, e.world.contact('c1')!, null, null)).toBe(true);
		// v2 inserts a goal before gA: local indices shift.
		publish(e, v1([{ id: 'g0', kind: 'goal', conditions: hasTag('paid') }, ...steps]), T0 + HOUR);
		expect(achieved.test(e, e.world.contact('c1')!, null, null)).toBe(true);
		expect(compileCondition({ kind: 'automation', op: 'achieved_goal', automation: 'a', goal: 'g0' }).test(e, e.world.contact('c1')!, null, null)).toBe(false);
		must(e, { type: 'tag.added', at: T0 + 2 * HOUR, contact: 'c1', tag: 'vip' });
		expect(whereIs(e, 'c1', 'a')).toBe('completed@after');
		expect(traceOf(e, 'c1').filter((x) => x.code === 'goal_achieved').map((x) => x.step)).toEqual(['gA', 'gB']);
	});
});
