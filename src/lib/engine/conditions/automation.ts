/** Condition family on automation history: in / completed / entered / achieved a goal. */
import type { z } from 'zod';
import type { AutomationCondition } from '../schema/conditions';
import type { Pred } from './types';

/** Compares the contact's history with another automation. */
export function automationPred(l: z.infer<typeof AutomationCondition>): Pred {
	const what = `automation ${l.automation} ${l.op}${l.goal ? ` ${l.goal}` : ''}`;
	return (env, c, seen) => {
		const s = env.automationState(c, l.automation);
		let ok: boolean;
		let value: unknown;
		switch (l.op) {
			case 'in':
			case 'not_in':
				value = s.inNow;
				ok = s.inNow === (l.op === 'in');
				break;
			case 'completed':
			case 'not_completed':
				value = s.completed;
				ok = s.completed === (l.op === 'completed');
				break;
			case 'entered':
			case 'not_entered':
				value = s.entered;
				ok = s.entered === (l.op === 'entered');
				break;
			case 'achieved_goal':
			case 'not_achieved_goal': {
				const hit = l.goal ? s.goals.includes(l.goal) : s.goals.length > 0;
				value = hit;
				ok = hit === (l.op === 'achieved_goal');
				break;
			}
		}
		if (seen) seen.push({ what, value, ok });
		return ok;
	};
}
