/**
 * Simulated contacts' behaviour: in simulation workspaces with a behaviour model, each delivered
 * email or SMS is answered by the opens, clicks, replies, visits, purchases and unsubscribes the
 * model draws for it (see population/behaviour.ts). Pure given the message, the model and the
 * workspace seed, so the runtime recomputes it after a reload.
 */
import { reactionsTo } from '../population/behaviour';
import { behaviourOf, loadBehaviour } from '../population/model-store';
import type { Reactor } from './types';

export const behaviour: Reactor = {
	name: 'behaviour',
	rank: 10,
	prepare: loadBehaviour,
	react(m, rt) {
		if (rt.entry.kind !== 'simulation') return [];
		const model = behaviourOf(rt);
		return model ? reactionsTo(m, model, rt.engine.seed) : [];
	}
};
