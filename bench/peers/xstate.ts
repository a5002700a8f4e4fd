/**
 * The peer: XState v5, one actor per contact running the journey as a statechart
 * (tagged → waiting2d → decide → engaged → waiting1d → sent | reminded → waiting3d → done) with
 * `after` delays on a shared virtual heap clock. Opens are sent to the actors as events at their
 * times. The work done in actions is the floor's (same tags, effects, activities, trace columns).
 */
import { assign, createActor, setup, type Actor } from 'xstate';
import type { Contestant, Instance } from '../journey/contestant';
import { DAY, STEP, type Scenario } from '../journey/scenario';
import { HeapClock } from './clock';
import { addTag, branchDetail, CODE, ColumnTrace, countOpens, makeContacts, Outbox, recordOpen, type PeerContact } from './kit';

interface Ctx {
	c: PeerContact;
	r: number;
	opens: number;
}

/** Builds the machine with its action implementations bound to one clock, outbox and trace. */
function journeyMachine(clock: HeapClock, out: Outbox, trace: ColumnTrace | null) {
	const log = (x: Ctx, step: number, code: number, detail?: unknown, value?: number) => trace?.add(clock.now(), x.c.idx, x.r, step, code, detail, value);
	return setup({
		types: {
			context: {} as Ctx,
			input: {} as { c: PeerContact; r: number },
			events: {} as { type: 'email.opened'; email: string }
		},
		actions: {
			entered: ({ context }) => log(context, -1, CODE.entered),
			tag: ({ context }, p: { step: number; tag: string }) => {
				const added = addTag(context.c, p.tag);
				log(context, p.step, added ? CODE.step_done : CODE.step_skipped, added ? undefined : { reason: 'already_tagged' });
			},
			waitStarted: ({ context }, p: { step: number; ms: number }) => log(context, p.step, CODE.wait_started, undefined, clock.now() + p.ms),
			waitEnded: ({ context }, p: { step: number }) => log(context, p.step, CODE.wait_ended),
			recordOpen: ({ context, event }) => recordOpen(context.c, clock.now(), event.email),
			branch: ({ context }) => log(context, STEP.if, CODE.branch, branchDetail(context.opens)),
			send: ({ context }, p: { step: number; id: string; email: string }) => {
				const why = out.send(context.c, context.r, p.id, p.email, clock.now());
				log(context, p.step, why ? CODE.step_skipped : CODE.step_done, why ? { reason: why } : undefined);
			},
			completed: ({ context }, p: { step: number }) => log(context, p.step, CODE.completed)
		},
		guards: {
			opened: ({ context }) => context.opens >= 1
		}
	}).createMachine({
		id: 'j',
		context: ({ input }) => ({ c: input.c, r: input.r, opens: 0 }),
		entry: 'entered',
		on: { 'email.opened': { actions: 'recordOpen' } },
		initial: 'tagged',
		states: {
			tagged: {
				entry: { type: 'tag', params: { step: STEP.tag, tag: 'started' } },
				always: 'waiting2d'
			},
			waiting2d: {
				entry: { type: 'waitStarted', params: { step: STEP.w2, ms: 2 * DAY } },
				after: { [2 * DAY]: { target: 'decide', actions: { type: 'waitEnded', params: { step: STEP.w2 } } } }
			},
			decide: {
				entry: assign({ opens: ({ context }) => countOpens(context.c, clock.now(), 'news1') }),
				always: [
					{ guard: 'opened', target: 'engaged', actions: 'branch' },
					{ target: 'reminded', actions: 'branch' }
				]
			},
			engaged: {
				entry: { type: 'tag', params: { step: STEP.tagY, tag: 'engaged' } },
				always: 'waiting1d'
			},
			waiting1d: {
				entry: { type: 'waitStarted', params: { step: STEP.w1, ms: DAY } },
				after: { [DAY]: { target: 'sent', actions: { type: 'waitEnded', params: { step: STEP.w1 } } } }
			},
			sent: {
				type: 'final',
				entry: [
					{ type: 'send', params: { step: STEP.send, id: 'send', email: 'offer' } },
					{ type: 'completed', params: { step: STEP.send } }
				]
			},
			reminded: {
				entry: { type: 'send', params: { step: STEP.remind, id: 'remind', email: 'reminder' } },
				always: 'waiting3d'
			},
			waiting3d: {
				entry: { type: 'waitStarted', params: { step: STEP.w3, ms: 3 * DAY } },
				after: { [3 * DAY]: { target: 'done', actions: { type: 'waitEnded', params: { step: STEP.w3 } } } }
			},
			done: {
				type: 'final',
				entry: { type: 'completed', params: { step: STEP.w3 } }
			}
		}
	});
}

type JourneyActor = Actor<ReturnType<typeof journeyMachine>>;

export const xstateContestant: Contestant = {
	name: 'xstate',
	prepare(s: Scenario, trace: boolean): Instance {
		const { contacts, byId } = makeContacts(s);
		const clock = new HeapClock(s.start);
		const out = new Outbox();
		const tr = trace ? new ColumnTrace() : null;
		const machine = journeyMachine(clock, out, tr);
		const actors = new Map<string, JourneyActor>();
		const list: JourneyActor[] = [];
		return {
			enter() {
				clock.advanceTo(s.start);
				for (const id of s.ids) {
					const a = createActor(machine, { input: { c: byId.get(id)!, r: list.length }, clock });
					actors.set(id, a);
					list.push(a);
					a.start();
				}
			},
			deliver() {
				for (const o of s.opens) {
					clock.advanceTo(o.at);
					actors.get(o.contact)!.send({ type: 'email.opened', email: o.email });
				}
			},
			finish: () => clock.advanceTo(s.until),
			outcome() {
				let completed = 0;
				for (const a of list) if (a.getSnapshot().status === 'done') completed++;
				return { runs: list.length, completed, effects: out.effects, contacts, trace: tr };
			}
		};
	}
};
