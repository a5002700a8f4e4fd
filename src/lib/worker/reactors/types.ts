/**
 * Reactors turn delivered messages into future inputs (answers to awaited effects, simulated
 * behaviour of contacts…). They are pure functions of the message and the runtime's settings, so
 * their inputs are never stored: after a reload the runtime calls them again for every message
 * and keeps the inputs still in the future. Each reactor has a rank: at one virtual instant,
 * derived inputs of lower rank apply first, then scheduled (stored) inputs.
 */
import type { MessageRecord } from '../../db/records';
import type { Input } from '../../engine/inputs';
import type { WorkspaceRuntime } from '../runtime';

/** An input a reactor derives from a message. */
export interface Reaction {
	at: number;
	input: Input;
}

export interface Reactor {
	/** Stable name (also the source of its inputs). */
	name: string;
	/** Order at equal times (lower first); scheduled inputs come after every reactor. */
	rank: number;
	react(m: MessageRecord, rt: WorkspaceRuntime): Reaction[];
	/** Loads what `react` reads besides the message (settings stored in the workspace), before the runtime re-arms reactions. */
	prepare?(rt: WorkspaceRuntime): Promise<void>;
}
