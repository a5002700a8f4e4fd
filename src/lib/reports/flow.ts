/**
 * An automation as a simple top-down flow for the facilitator screen: steps in sequence, with
 * if/else and split steps opening side-by-side arms that join again where their paths meet.
 * Each step carries the engine's live counts (entered, waiting now, completed).
 */
import type { Engine } from '../engine/engine';
import type { AutomationDef, StepDef } from '../engine/schema/automation';
import { depths, startOf, stepLinks, stepTargets } from '../engine/graph';
import { stepKinds } from '../engine/steps/registry';
import { stepNaming, type StepNaming } from './funnel';

export interface FlowStep extends StepNaming {
	id: string;
	kind: string;
	entered: number;
	waiting: number;
	completed: number;
	/** Where a go-to step sends contacts (its step id and label). */
	goto?: StepNaming & { id: string; kind: string };
}

export type FlowNode = { type: 'step'; step: FlowStep } | { type: 'branch'; step: FlowStep; arms: { key: string; label: string; count: number; nodes: FlowNode[] }[] };

export interface FlowView {
	automation: { id: string; name: string; status: string };
	entered: number;
	completed: number;
	exited: number;
	nodes: FlowNode[];
}

/** The flow of an automation's current definition with live counts (null when unknown). */
export function flowOf(e: Engine, automation: string): FlowView | null {
	const slot = e.slots.get(automation);
	if (!slot) return null;
	const def = slot.def;
	const byId = new Map(def.steps.map((s) => [s.id, s]));
	const depth = depths(def);
	const reachMemo = new Map<string, Set<string>>();
	const reach = (id: string | null): Set<string> => {
		if (!id || !byId.has(id)) return new Set();
		const hit = reachMemo.get(id);
		if (hit) return hit;
		const out = new Set<string>();
		const stack = [id];
		while (stack.length) {
			const x = stack.pop()!;
			if (out.has(x) || !byId.has(x)) continue;
			out.add(x);
			for (const t of stepTargets(byId.get(x)!)) if (t) stack.push(t);
		}
		reachMemo.set(id, out);
		return out;
	};
	const counts = (s: StepDef): FlowStep => {
		const st = e.statsFor(automation, s.id);
		const links = stepLinks(s);
		return { id: s.id, kind: s.kind, ...stepNaming(s, e.world.catalog), entered: st.entered, waiting: st.waiting, completed: st.completed, ...(links.length ? { goto: gotoRef(byId.get(links[0]), links[0], e) } : {}) };
	};
	const placed = new Set<string>();
	const walk = (from: string | null, stop: string | null): FlowNode[] => {
		const nodes: FlowNode[] = [];
		let id = from;
		while (id && id !== stop && byId.has(id) && !placed.has(id)) {
			placed.add(id);
			const s = byId.get(id)!;
			const outs = stepKinds.get(s.kind)?.outputs(s) ?? [];
			if (outs.length < 2) {
				nodes.push({ type: 'step', step: counts(s) });
				id = outs[0]?.target ?? null;
				continue;
			}
			// The arms meet at the shallowest step every arm reaches (none: they end apart).
			const sets = outs.map((o) => reach(o.target ?? null));
			let merge: string | null = null;
			for (const x of sets[0]) if (sets.every((set) => set.has(x)) && (merge === null || (depth.get(x) ?? 0) < (depth.get(merge) ?? 0))) merge = x;
			const st = e.statsFor(automation, s.id);
			nodes.push({
				type: 'branch',
				step: counts(s),
				arms: outs.map((o, i) => ({ key: o.key, label: o.label ?? o.key, count: st.paths[i] ?? 0, nodes: walk(o.target ?? null, merge) }))
			});
			id = merge;
		}
		return nodes;
	};
	const stats = e.autoStats.get(automation) ?? { entered: 0, completed: 0, exited: 0 };
	return {
		automation: { id: slot.id, name: def.name, status: slot.version < 0 ? 'draft' : slot.status },
		entered: stats.entered,
		completed: stats.completed,
		exited: stats.exited,
		nodes: walk(startOf(def as AutomationDef), null)
	};
}

function gotoRef(s: StepDef | undefined, id: string, e: Engine): StepNaming & { id: string; kind: string } {
	return s ? { id, kind: s.kind, ...stepNaming(s, e.world.catalog) } : { id, kind: '', label: id, named: true };
}
