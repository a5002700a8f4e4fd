/**
 * Answers to awaited effects (AI prompts, connector record ids) in simulation workspaces: the
 * scenario's responders when the workspace runs a scenario, else a simulated answer.
 */
import { answerFor } from '../../format/run';
import { simulatedResult } from '../simulated';
import type { Reactor } from './types';

/** Delay of a built-in simulated answer. */
export const SIMULATED_ANSWER_DELAY = 2000;

export const answers: Reactor = {
	name: 'answer',
	rank: 0,
	react(m, rt) {
		if (rt.entry.kind !== 'simulation' || m.awaitUntil === null) return [];
		if (rt.scenario?.responders.length) {
			const a = answerFor(rt.scenario.responders, m);
			if (!a) return [];
			return [{ at: a.at, input: { type: 'effect.resolved', at: a.at, key: m.key, ok: a.ok, ...(a.ok ? { value: a.value } : { error: a.error }) } }];
		}
		const value = simulatedResult(m);
		if (value === null) return [];
		const at = m.at + SIMULATED_ANSWER_DELAY;
		return [{ at, input: { type: 'effect.resolved', at, key: m.key, ok: true, value } }];
	}
};
