/** A way of running the benchmark journey: our engine, a peer library, or the hand-written floor. */
import type { Outcome } from './outcome';
import type { Scenario } from './scenario';

/** A contestant builds fresh instances; each instance runs the script once. */
export interface Contestant {
	name: string;
	/** Untimed: an instance holding the scenario's contacts and the journey, nobody entered yet. */
	prepare(s: Scenario, trace: boolean): Instance;
}

/** One run of the script, in three timed phases, then an untimed report. */
export interface Instance {
	/** Adds every contact to the journey at the start (they stop at the first wait). */
	enter(): void;
	/** Delivers the opens at their times. */
	deliver(): void;
	/** Runs the clock to the scenario's end. */
	finish(): void;
	outcome(): Outcome;
}
