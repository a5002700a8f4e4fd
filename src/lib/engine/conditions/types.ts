/** Contracts shared by the condition families and their compiler. */
import type { Contact, Deal, World } from '../world';

/** What a condition may read besides the contact: the world, the clock and automation history. */
export interface CondEnv {
	world: World;
	now: number;
	/** Zone used for contacts without one. */
	defaultZone: string;
	/** The contact's history with an automation. */
	automationState(c: Contact, automationId: string): AutomationState;
}

/** A contact's history with one automation. */
export interface AutomationState {
	/** Has a run there that is active or waiting now. */
	inNow: boolean;
	/** Has a run there that completed. */
	completed: boolean;
	/** Has ever entered it. */
	entered: boolean;
	/** Goal step ids achieved in any entry. */
	goals: readonly string[];
}

/** One leaf's observation recorded for the trace: what was read, its value, the leaf's result. */
export interface Observation {
	what: string;
	value: unknown;
	ok: boolean;
}

/** Receives observations while evaluating (null when nobody needs the why). */
export type Seen = Observation[] | null;

/** A compiled predicate. `deal` is the deal in context (deal triggers), if any. */
export type Pred = (env: CondEnv, c: Contact, seen: Seen, deal: Deal | null) => boolean;

/** A compiled condition tree. */
export interface CompiledCondition {
	test: Pred;
	/** True when the result can change with time alone (clock parts, "within", relative dates). */
	timeDependent: boolean;
}

/** The zone to read a contact's local time in. */
export function zoneOf(env: CondEnv, c: Contact, zone?: string): string {
	if (zone && zone !== 'contact') return zone;
	return c.timeZone || env.defaultZone;
}
