/**
 * Workspace totals: contacts, runs by status, messages by kind, goals achieved, conversions
 * (recorded conversion events, with their values), deals by status, and one line per automation.
 */
import type { Engine } from '../engine/engine';
import type { Effect } from '../engine/effects';
import { RunStatus } from '../engine/core/runs';
import { TraceCode } from '../engine/core/trace';

export interface WorkspaceTotals {
	contacts: number;
	runs: { active: number; waiting: number; completed: number; exited: number };
	messages: { total: number; byKind: { kind: string; count: number }[] };
	goals: { achieved: number; contacts: number };
	conversions: { total: number; contacts: number; value: number; byConversion: { id: string; name: string; count: number; value: number }[] };
	deals: { open: number; won: number; lost: number };
	automations: { id: string; name: string; status: string; entered: number; waiting: number; completed: number; exited: number; goals: number; goalRate: number }[];
}

/** Totals of the whole workspace. */
export function workspaceTotals(e: Engine, messages: readonly Effect[]): WorkspaceTotals {
	const w = e.world;
	const runs = { active: 0, waiting: 0, completed: 0, exited: 0 };
	const waitingBy = new Map<string, number>();
	for (let r = 0; r < e.runs.size; r++) {
		const st = e.runs.status[r];
		if (st === RunStatus.Active) runs.active++;
		else if (st === RunStatus.Waiting) runs.waiting++;
		else if (st === RunStatus.Completed) runs.completed++;
		else runs.exited++;
		if (st === RunStatus.Active || st === RunStatus.Waiting) {
			const id = e.autos[e.runs.auto[r]].id;
			waitingBy.set(id, (waitingBy.get(id) ?? 0) + 1);
		}
	}
	const kinds = new Map<string, number>();
	for (const m of messages) kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);

	// Goals from the trace (each achievement once per entry).
	let achieved = 0;
	const goalContacts = new Set<number>();
	const goalsBy = new Map<string, number>();
	const t = e.trace;
	for (let i = 0; i < t.size; i++) {
		if (t.codeAt(i) !== TraceCode.goal_achieved) continue;
		achieved++;
		goalContacts.add(t.contactAt(i));
		const g = t.stepAt(i);
		const id = g >= 0 ? e.steps[g].automation.id : null;
		if (id) goalsBy.set(id, (goalsBy.get(id) ?? 0) + 1);
	}

	// Conversions recorded on contacts.
	const conv = new Map<string, { count: number; value: number }>();
	const convContacts = new Set<number>();
	let convTotal = 0;
	let convValue = 0;
	let contacts = 0;
	for (const c of w.contacts) {
		if (c.deleted) continue;
		contacts++;
		for (const a of c.activity) {
			if (a.type !== 'conversion') continue;
			const v = typeof a.value === 'number' ? a.value : (w.catalog.conversions.get(a.ref)?.value ?? 0);
			const row = conv.get(a.ref) ?? { count: 0, value: 0 };
			row.count++;
			row.value += v;
			conv.set(a.ref, row);
			convContacts.add(c.idx);
			convTotal++;
			convValue += v;
		}
	}
	const deals = { open: 0, won: 0, lost: 0 };
	for (const d of w.deals.values()) deals[d.status]++;

	return {
		contacts,
		runs,
		messages: { total: messages.length, byKind: [...kinds].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1)) },
		goals: { achieved, contacts: goalContacts.size },
		conversions: {
			total: convTotal,
			contacts: convContacts.size,
			value: round2(convValue),
			byConversion: [...conv]
				.map(([id, r]) => ({ id, name: w.catalog.conversions.get(id)?.name ?? id, count: r.count, value: round2(r.value) }))
				.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1))
		},
		deals,
		automations: [...e.slots.values()].map((s) => {
			const st = e.autoStats.get(s.id) ?? { entered: 0, completed: 0, exited: 0 };
			const goals = goalsBy.get(s.id) ?? 0;
			return {
				id: s.id,
				name: s.def.name,
				status: s.version < 0 ? 'draft' : s.status,
				entered: st.entered,
				waiting: waitingBy.get(s.id) ?? 0,
				completed: st.completed,
				exited: st.exited,
				goals,
				goalRate: st.entered ? goals / st.entered : 0
			};
		})
	};
}

function round2(n: number): number {
	return Math.round(n * 100) / 100;
}
