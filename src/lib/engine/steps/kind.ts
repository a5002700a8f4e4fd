/**
 * The step-kind contract. A step kind is data (its schema, palette group, plan availability,
 * outgoing edges) plus behaviour (enter / wake / recheck / result). Adding a kind = one file
 * here + one line in `registry.ts` (+ its inspector in the builder).
 */
import type { z } from 'zod';
import type { Availability } from '../plans';
import type { EffectResult } from '../effects';
import type { Condition } from '../schema/conditions';
import type { Catalog } from '../world';
import type { CompiledAutomation, CompiledStep } from '../compiled';
import type { Engine } from '../engine';

/** Palette groups, as the source groups actions. */
export type PaletteGroup = 'sending' | 'contacts' | 'workflow' | 'format' | 'crm' | 'salesforce' | 'apps';

/** Outcome codes a handler returns besides a local step index (>= 0) to continue at. */
export const END = -1;
/** The run stays at this step (the handler scheduled a wake or waits for data/results). */
export const STAY = -2;
/** The handler already ended the run (exited). */
export const GONE = -3;

/** An outgoing edge of a step: "next", "yes"/"no", or a split path. */
export interface Output {
	key: string;
	label?: string;
	/** Target step id; null or undefined ends the path. */
	target: string | null | undefined;
}

/** What validation can look at and report to. */
export interface ValidateCtx {
	catalog: Catalog;
	/** Ids of every automation in the workspace. */
	automations: Map<string, { name: string; steps: Set<string>; goals: Set<string> }>;
	/** Ids of steps of the automation being validated. */
	steps: Set<string>;
	/** Triggers of the automation being validated. */
	triggers: readonly { kind: string; id: string }[];
	/** Reports an error (or a warning) about the current step. */
	report(code: string, message: string, help: string, path?: (string | number)[], severity?: 'error' | 'warning'): void;
	/** Validates the references of a condition tree. */
	condition(cond: Condition, path: (string | number)[]): void;
	/** Warns about unknown personalization tags in a template text. */
	template(text: string, path: (string | number)[]): void;
	/** Checks a contact field reference (standard or custom), optionally of given types. */
	field(field: string, path: (string | number)[], types?: string[]): void;
}

/** Shared context while compiling an automation version. */
export interface CompileCtx {
	automation: CompiledAutomation;
	/** Resolves a step id of this automation to its local index (-1 when absent). */
	local(stepId: string | null | undefined): number;
}

/** Behaviour and metadata of a step kind. D = the step's definition, C = its compiled data. */
export interface StepKind<D extends { kind: string; id: string } = any, C = any> {
	kind: D['kind'];
	group: PaletteGroup;
	/** Palette title (English; the UI translates by kind). */
	title: string;
	/** One sentence describing what the step does. */
	summary: string;
	plans: Availability;
	/** Schema of the whole step object (id, kind, edges and settings). */
	schema: z.ZodType<D>;
	/** Outgoing structural edges. */
	outputs(def: D): Output[];
	/** Extra links that are not tree edges (go-to targets), for drawing and validation. */
	links?(def: D): string[];
	/** True when contacts can be held at this step (waits, goals waiting, awaited results). */
	holds?: boolean;
	validate?(def: D, v: ValidateCtx): void;
	compile?(def: D, cx: CompileCtx): C;
	/** A run arrives: do the work, return where to go (index, END, STAY or GONE). */
	enter(e: Engine, r: number, s: CompiledStep<D, C>): number;
	/** A scheduled wake of a run held here. */
	wake?(e: Engine, r: number, s: CompiledStep<D, C>): number;
	/** Whether this step (with these settings) reacts to data changes; default: has `recheck`. */
	reacts?(def: D): boolean;
	/** The contact's data changed while the run is held here. */
	recheck?(e: Engine, r: number, s: CompiledStep<D, C>): number;
	/** The result of an awaited effect arrived. */
	result?(e: Engine, r: number, s: CompiledStep<D, C>, res: EffectResult): number;
	/** The step's own timer fired (see `Engine.scheduleStepTimer`), e.g. a split test's decision date. */
	timer?(e: Engine, s: CompiledStep<D, C>): void;
	/**
	 * A new version was published while a run is held here and this step's settings changed:
	 * re-arm the hold from the time already spent (`runs.since`), or return where to go.
	 */
	rearm?(e: Engine, r: number, s: CompiledStep<D, C>): number;
}

/** Identity helper that types a step kind. */
export function defineStep<D extends { kind: string; id: string }, C = undefined>(k: StepKind<D, C>): StepKind<D, C> {
	return k;
}
