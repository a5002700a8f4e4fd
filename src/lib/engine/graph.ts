/** Structural analysis of an automation's step graph: edges, reachability, depth, cycles. */
import type { AutomationDef, StepDef } from './schema/automation';
import { stepKinds } from './steps/registry';

/**
 * Outgoing structural targets (ids, null = path end) of a step. Validation analyses the graph of
 * definitions that may not have passed their schema: a step too broken to read has no targets.
 */
export function stepTargets(s: StepDef): (string | null)[] {
	const k = stepKinds.get(s.kind);
	if (!k) return [];
	try {
		return k.outputs(s).map((o) => o.target ?? null);
	} catch {
		return [];
	}
}

/** Go-to style links of a step (not tree edges); none when the step is too broken to read. */
export function stepLinks(s: StepDef): string[] {
	const k = stepKinds.get(s.kind);
	if (!k?.links) return [];
	try {
		return k.links(s).filter((t) => typeof t === 'string');
	} catch {
		return [];
	}
}

/** The start step id of a definition (explicit `start` or the first step). */
export function startOf(def: AutomationDef): string | null {
	return def.start ?? def.steps[0]?.id ?? null;
}

/** Step ids reachable from the start following edges and, when `withLinks`, go-to links. */
export function reachable(def: AutomationDef, withLinks = true): Set<string> {
	const byId = new Map(def.steps.map((s) => [s.id, s]));
	const seen = new Set<string>();
	const start = startOf(def);
	const stack = start ? [start] : [];
	while (stack.length) {
		const id = stack.pop()!;
		if (seen.has(id)) continue;
		const s = byId.get(id);
		if (!s) continue;
		seen.add(id);
		for (const t of stepTargets(s)) if (t) stack.push(t);
		if (withLinks) for (const t of stepLinks(s)) stack.push(t);
	}
	return seen;
}

/**
 * For each step, the ids of steps strictly downstream along structural edges (no go-to links):
 * what "upstream of a goal" means.
 */
export function downstream(def: AutomationDef): Map<string, Set<string>> {
	const byId = new Map(def.steps.map((s) => [s.id, s]));
	const memo = new Map<string, Set<string>>();
	const visiting = new Set<string>();
	const visit = (id: string): Set<string> => {
		const hit = memo.get(id);
		if (hit) return hit;
		const out = new Set<string>();
		if (visiting.has(id)) return out;
		visiting.add(id);
		const s = byId.get(id);
		if (s)
			for (const t of stepTargets(s)) {
				if (!t || !byId.has(t)) continue;
				out.add(t);
				for (const x of visit(t)) out.add(x);
			}
		visiting.delete(id);
		memo.set(id, out);
		return out;
	};
	for (const s of def.steps) visit(s.id);
	return memo;
}

/** Longest structural distance from the start, per step (unreachable steps get 0). */
export function depths(def: AutomationDef): Map<string, number> {
	const byId = new Map(def.steps.map((s) => [s.id, s]));
	const depth = new Map<string, number>();
	const start = startOf(def);
	if (!start) return depth;
	// Relax along edges; structural edges form a DAG in valid automations (loops use go-to links).
	const queue: [string, number][] = [[start, 0]];
	let guard = 0;
	while (queue.length && guard++ < 100_000) {
		const [id, d] = queue.shift()!;
		if ((depth.get(id) ?? -1) >= d) continue;
		depth.set(id, d);
		const s = byId.get(id);
		if (s) for (const t of stepTargets(s)) if (t && byId.has(t)) queue.push([t, d + 1]);
	}
	return depth;
}

/**
 * Cycles that go through a go-to link and contain no step that can hold contacts: each is listed
 * by the id of the go-to step that closes it.
 */
export function loopsWithoutWait(def: AutomationDef): string[] {
	const byId = new Map(def.steps.map((s) => [s.id, s]));
	// A goal never holds a loop for sure: once achieved (or set to continue/end) contacts pass through.
	const holds = (s: StepDef) => s.kind !== 'goal' && stepKinds.get(s.kind)?.holds === true;
	const bad: string[] = [];
	for (const g of def.steps) {
		for (const target of stepLinks(g)) {
			// Search from target back to g without passing a holding step.
			const seen = new Set<string>();
			const stack = [target];
			let found = false;
			while (stack.length && !found) {
				const id = stack.pop()!;
				if (seen.has(id)) continue;
				seen.add(id);
				const s = byId.get(id);
				if (!s || holds(s)) continue;
				if (id === g.id) {
					found = true;
					break;
				}
				for (const t of stepTargets(s)) if (t) stack.push(t);
				for (const t of stepLinks(s)) stack.push(t);
			}
			if (found) bad.push(g.id);
		}
	}
	return bad;
}
