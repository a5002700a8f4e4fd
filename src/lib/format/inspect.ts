/**
 * Read-only views of an engine's state for reports and expectations: a contact's latest run per
 * automation, held-run counts. Pure helpers over the engine's public tables.
 */
import type { Engine } from '../engine/engine';
import { RunStatus } from '../engine/core/runs';
import type { Contact } from '../engine/world';

/** Run status names, by `RunStatus` code. */
export const STATUS_NAMES = ['active', 'waiting', 'completed', 'exited'] as const;
export type RunStatusName = (typeof STATUS_NAMES)[number];

/** The latest run of a contact in one automation, in plain terms. */
export interface RunView {
	run: number;
	automation: string;
	/** Version of the automation the run is on. */
	version: number;
	status: RunStatusName;
	/** Step where the run is (waiting) or ended; null when it never reached a step. */
	step: string | null;
	/** Since when it is at that step (or when it ended). */
	since: number;
	entered: number;
	/** When the run is held with a timer: the instant it wakes. */
	wake: number | null;
	goals: string[];
	exitReason: string | null;
	/** How many times the contact entered this automation. */
	entries: number;
}

/** The contact's latest run in each automation, in the workspace's automation order. */
export function latestRuns(e: Engine, c: Contact): RunView[] {
	const runs = e.runs;
	const byAuto = new Map<string, RunView>();
	// The contact's run list starts with its newest run.
	for (let r = c.firstRun; r >= 0; r = runs.nextOfContact[r]) {
		const a = e.autos[runs.auto[r]];
		const seen = byAuto.get(a.id);
		if (seen) {
			seen.entries++;
			continue;
		}
		const x = runs.extra[r];
		const step = runs.step[r];
		const wake = runs.wake[r];
		byAuto.set(a.id, {
			run: r,
			automation: a.id,
			version: a.version,
			status: STATUS_NAMES[runs.status[r]],
			step: step >= 0 ? a.steps[step].id : null,
			since: runs.since[r],
			entered: runs.entered[r],
			wake: runs.status[r] === RunStatus.Waiting && !Number.isNaN(wake) ? wake : null,
			goals: (x?.goalsMet ?? []).map((gi) => a.steps[gi].id),
			exitReason: x?.endReason ?? null,
			entries: 1
		});
	}
	const order = [...e.slots.keys()];
	const rank = (id: string) => {
		const i = order.indexOf(id);
		return i < 0 ? order.length : i;
	};
	return [...byAuto.values()].sort((p, q) => rank(p.automation) - rank(q.automation) || p.run - q.run);
}

/** The latest run of a contact in one automation, or null when it never entered. */
export function latestRun(e: Engine, c: Contact, automation: string): RunView | null {
	return latestRuns(e, c).find((v) => v.automation === automation) ?? null;
}

/** Runs per automation that are waiting now. */
export function waitingByAutomation(e: Engine): Map<string, number> {
	const out = new Map<string, number>();
	const runs = e.runs;
	for (let r = 0; r < runs.size; r++) {
		if (runs.status[r] !== RunStatus.Waiting && runs.status[r] !== RunStatus.Active) continue;
		const id = e.autos[runs.auto[r]].id;
		out.set(id, (out.get(id) ?? 0) + 1);
	}
	return out;
}
