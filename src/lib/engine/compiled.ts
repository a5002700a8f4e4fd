/** Compiled (immutable, indexed) automation versions, as the engine runs them. */
import type { StepKind } from './steps/kind';
import type { TriggerKind } from './triggers/kind';
import type { CompiledCondition } from './conditions/types';
import type { AutomationDef, TriggerDef, StepDef } from './schema/automation';

/** Live counters of one step, shared across versions by step id. */
export interface StepStats {
	/** Runs that arrived at the step. */
	entered: number;
	/** Runs held at the step now. */
	waiting: number;
	/** Runs that left the step forward. */
	completed: number;
	/** Arrivals per outgoing path (if/else, split) by output index. */
	paths: number[];
}

/** One step of a compiled version. */
export interface CompiledStep<D = StepDef, C = unknown> {
	/** Global index across all compiled versions (trace column). */
	g: number;
	/** Local index inside its version. */
	i: number;
	id: string;
	def: D;
	kind: StepKind<any, any>;
	/** Targets of the outputs (local index, -1 = end of path). */
	out: number[];
	data: C;
	automation: CompiledAutomation;
	stats: StepStats;
	/** Goals strictly downstream of this step, furthest first. */
	goalsBelow: number[];
	/** Depth from the start (longest structural path), used to order goals. */
	depth: number;
}

/** A trigger of a compiled version. */
export interface CompiledTrigger {
	/** Index inside its version. */
	i: number;
	id: string;
	def: TriggerDef;
	kind: TriggerKind<any>;
	filter: CompiledCondition | null;
	automation: CompiledAutomation;
}

/** One immutable version of an automation. */
export interface CompiledAutomation {
	/** Index in the engine's list of versions. */
	idx: number;
	id: string;
	version: number;
	/** Virtual time the version was published (NaN when unknown: state saved before it was recorded). */
	publishedAt: number;
	def: AutomationDef;
	steps: CompiledStep[];
	stepIndex: Map<string, number>;
	start: number;
	triggers: CompiledTrigger[];
	/** True when any step reacts to data changes (goals, conditional waits, splits that watch). */
	reactive: boolean;
}
