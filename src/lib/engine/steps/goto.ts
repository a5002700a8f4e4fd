/**
 * Go to: moves the contact to another step of the same automation. One go-to step allows 10 passes
 * per contact per rolling 24 h (the 11th ends the run); a loop with no wait is stopped after 3 passes.
 */
import { z } from 'zod';
import { Id } from '../schema/common';
import { DAY } from '../core/time';
import { TraceCode } from '../core/trace';
import { defineStep } from './kind';
import { stepBase } from './base';

/** Passes of one go-to step allowed per contact per rolling 24 hours. */
export const GOTO_MAX_PER_DAY = 10;
/** Passes allowed around a loop in which the contact never waits. */
export const GOTO_MAX_LOOP_WITHOUT_WAIT = 3;

const schema = z.object({ ...stepBase, kind: z.literal('goto'), target: Id }).strict();
type Def = z.infer<typeof schema>;

export const goto = defineStep<Def, number>({
	kind: 'goto',
	group: 'workflow',
	title: 'Go to',
	summary: 'Moves the contact to another step of this automation (branches, loops).',
	plans: { from: 'plus' },
	schema,
	outputs: () => [],
	links: (d) => [d.target],
	validate(d, v) {
		if (d.target === d.id) v.report('goto.self', 'A Go-to step cannot go to itself.', 'Pick another step as the target.', ['target']);
	},
	compile: (d, cx) => cx.local(d.target),
	enter(e, r, s) {
		const c = e.contactOf(r);
		const key = `${s.automation.id}/${s.id}/${c.idx}`;
		const recent = (e.gotoLog.get(key) ?? []).filter((t) => t > e.now - DAY);
		if (recent.length >= GOTO_MAX_PER_DAY) {
			e.gotoLog.set(key, recent);
			return e.exit(r, 'goto_limit_24h', { step: s.id, passes: recent.length, limit: GOTO_MAX_PER_DAY });
		}
		const x = e.runs.x(r);
		const loops = (x.loopPasses ??= {});
		loops[s.i] = (loops[s.i] ?? 0) + 1;
		if (loops[s.i] > GOTO_MAX_LOOP_WITHOUT_WAIT) return e.exit(r, 'goto_loop_without_wait', { step: s.id, passes: loops[s.i] - 1 });
		recent.push(e.now);
		e.gotoLog.set(key, recent);
		e.runs.touch(r);
		e.log(r, s, TraceCode.jumped, { to: s.def.target, pass: recent.length });
		return s.data;
	}
});
