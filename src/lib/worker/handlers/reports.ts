/**
 * Report methods: workspace totals, the report of one automation (funnel, paths, A/B results,
 * sends per day, contacts waiting over time) and the facilitator's live flow and leaderboard,
 * all computed from the engine and the message log of the open workspace (src/lib/reports).
 */
import { automationReport, workspaceTotals } from '../../reports';
import { sendsPerDay } from '../../reports/timeline';
import { flowOf } from '../../reports/flow';
import { runFactsOf } from '../../reports/trace';
import { variantTestsOf } from '../../reports/variants';
import type { HandlerCtx } from './context';

export const reportHandlers = {
	/** Totals of the workspace and its sends per day. */
	reportTotals: ({ rt }: HandlerCtx) => ({
		now: rt.engine.now,
		zone: rt.engine.defaultZone,
		totals: workspaceTotals(rt.engine, rt.messages),
		sends: sendsPerDay(rt.messages, null, rt.engine.defaultZone, rt.engine.now)
	}),
	/** Everything about one automation (null when it does not exist). */
	reportAutomation: ({ rt }: HandlerCtx, automation: string) => automationReport(rt.engine, rt.messages, automation),
	/** The facilitator's top-down flow with live counts. */
	facilitatorFlow: ({ rt }: HandlerCtx, automation: string) => flowOf(rt.engine, automation),
	/** The A/B tests and splits of an automation, for the facilitator's leaderboard. */
	facilitatorTests({ rt }: HandlerCtx, automation: string) {
		const slot = rt.engine.slots.get(automation);
		return slot ? variantTestsOf(rt.engine, slot.def, runFactsOf(rt.engine, automation), rt.messages) : [];
	}
};
