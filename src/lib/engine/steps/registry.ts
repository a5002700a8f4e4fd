/** Every step kind, by kind name. Adding a kind: import it and list it here. */
import type { StepKind } from './kind';
import { wait } from './wait';
import { ifElse } from './if-else';
import { goto } from './goto';
import { goal } from './goal';
import { split } from './split';
import { endOtherAutomation, endThisAutomation, startAutomation } from './automation';
import { addTag, removeTag } from './tags';
import { subscribe, unsubscribe } from './lists';
import { sendEmail } from './email-send';

/** All step kinds in palette order. */
export const STEP_KINDS = [
	sendEmail,
	wait,
	subscribe,
	unsubscribe,
	addTag,
	removeTag,
	ifElse,
	goto,
	goal,
	split,
	startAutomation,
	endOtherAutomation,
	endThisAutomation
] as const satisfies readonly StepKind<any, any>[];

/** Step kinds by name. */
export const stepKinds: ReadonlyMap<string, StepKind<any, any>> = new Map(STEP_KINDS.map((k) => [k.kind, k as StepKind<any, any>]));
