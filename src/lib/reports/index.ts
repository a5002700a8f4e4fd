/** Report data of one automation, and of the whole workspace (see README.md). */
import type { Engine } from '../engine/engine';
import type { Effect } from '../engine/effects';
import { runFactsOf } from './trace';
import { funnelOf, type FunnelRow } from './funnel';
import { pathsOf, type PathReport } from './paths';
import { variantTestsOf, type VariantTest } from './variants';
import { sendsPerDay, waitingOverTime, type SendsPerDay, type WaitingOverTime } from './timeline';

export { workspaceTotals, type WorkspaceTotals } from './totals';
export type { FunnelRow, PathReport, VariantTest, SendsPerDay, WaitingOverTime };
export type { Metric, VariantRow, Sample } from './variants';
export type { Comparison, Verdict } from './stats';

/** Everything the reports page shows about one automation. */
export interface AutomationReport {
	automation: { id: string; name: string; status: string; version: number };
	/** Virtual time the report was computed at. */
	now: number;
	/** The workspace time zone (days are local days there). */
	zone: string;
	/** False when the engine records no trace (step counts then come from the counters only). */
	traced: boolean;
	/** Entries counted by the engine (for comparison with the funnel's first row). */
	entered: number;
	funnel: FunnelRow[];
	paths: PathReport[];
	tests: VariantTest[];
	sends: SendsPerDay;
	waiting: WaitingOverTime;
}

/** The report of an automation, or null when it does not exist. */
export function automationReport(e: Engine, messages: readonly Effect[], automation: string): AutomationReport | null {
	const slot = e.slots.get(automation);
	if (!slot) return null;
	const def = slot.def;
	const runs = runFactsOf(e, automation);
	return {
		automation: { id: slot.id, name: def.name, status: slot.version < 0 ? 'draft' : slot.status, version: slot.version >= 0 ? e.autos[slot.version].version : 0 },
		now: e.now,
		zone: e.defaultZone,
		traced: e.trace.enabled,
		entered: e.autoStats.get(automation)?.entered ?? 0,
		funnel: funnelOf(def, runs, e.world.catalog),
		paths: pathsOf(def, runs, e.world.catalog),
		tests: variantTestsOf(e, def, runs, messages),
		sends: sendsPerDay(messages, automation, e.defaultZone, e.now),
		waiting: waitingOverTime(def, runs, e.defaultZone, e.now, e.world.catalog)
	};
}
