/**
 * Pure edits of an automation's step graph, as builder users know them: insert a step on any edge
 * (the edge's old target follows the new step), append at the end of a path, delete with
 * reconnect (a step's parent connects to its next; a branch keeps its first path), copy and paste
 * with new ids. Each returns a new definition; `writeDef` applies the difference to the draft.
 */
import type { AutomationDef, StepDef, TriggerDef } from '../engine/schema/automation';
import { stepKinds } from '../engine/steps/registry';

/** Where something is inserted: the output `key` of step `from`, or the entry (`from: null`). */
export interface Anchor {
	from: string | null;
	key: string;
}

/** An outgoing edge of a step. */
export interface Out {
	key: string;
	label?: string;
	target: string | null;
}

/** Expected refusals of an edit (shown to the user, never thrown past the builder). */
export class EditError extends Error {
	constructor(
		readonly code: 'terminal_mid_path' | 'no_open_end' | 'unknown_anchor',
		message: string
	) {
		super(message);
	}
}

/** The outgoing structural edges of a step (none when its kind is unknown or its settings unreadable). */
export function outputsOf(step: StepDef): Out[] {
	const k = stepKinds.get(step.kind);
	if (!k) return [];
	try {
		return k.outputs(step).map((o) => ({ key: o.key, label: o.label, target: o.target ?? null }));
	} catch {
		return [];
	}
}

/** Go-to style links of a step (not tree edges). */
export function linksOf(step: StepDef): string[] {
	const k = stepKinds.get(step.kind);
	if (!k?.links) return [];
	try {
		return k.links(step).filter((t): t is string => typeof t === 'string' && t.length > 0);
	} catch {
		return [];
	}
}

/** The step contacts start at: explicit `start`, else the first step. */
export function startOf(def: AutomationDef): string | null {
	return def.start ?? def.steps[0]?.id ?? null;
}

/** The step an anchor points at now (null: end of path). */
export function targetOf(def: AutomationDef, a: Anchor): string | null {
	if (a.from === null) return startOf(def);
	const s = def.steps.find((x) => x.id === a.from);
	if (!s) throw new EditError('unknown_anchor', `Step "${a.from}" does not exist.`);
	const o = outputsOf(s).find((x) => x.key === a.key);
	if (!o) throw new EditError('unknown_anchor', `Step "${a.from}" has no output "${a.key}".`);
	return o.target;
}

/** A copy of `step` whose output `key` leads to `target` (null ends the path: the key is dropped). */
export function withTarget(step: StepDef, key: string, target: string | null): StepDef {
	const out: Record<string, unknown> = { ...step };
	const m = /^path(\d+)$/.exec(key);
	if (m && Array.isArray(step.paths)) {
		const i = Number(m[1]);
		out.paths = (step.paths as Record<string, unknown>[]).map((p, j) => {
			if (j !== i) return p;
			const { next: _n, ...rest } = p;
			return target === null ? rest : { ...rest, next: target };
		});
		return out as StepDef;
	}
	if (target === null) delete out[key];
	else out[key] = target;
	return out as StepDef;
}

/** Points the anchor at `target` (for the entry: sets the start step). */
function redirect(def: AutomationDef, a: Anchor, target: string | null): AutomationDef {
	if (a.from === null) {
		const { start: _s, ...rest } = def;
		return target === null ? (rest as AutomationDef) : { ...def, start: target };
	}
	return { ...def, steps: def.steps.map((s) => (s.id === a.from ? withTarget(s, a.key, target) : s)) };
}

/** Index after which steps inserted at the anchor go in the definition's list (readable exports). */
function insertIndex(def: AutomationDef, a: Anchor): number {
	if (a.from === null) return 0;
	const i = def.steps.findIndex((s) => s.id === a.from);
	return i < 0 ? def.steps.length : i + 1;
}

/**
 * Inserts `step` at the anchor: the anchor now leads to it and its first output leads where the
 * anchor led. A step with no outputs (Go to, End this automation) can only end a path.
 */
export function insertStep(def: AutomationDef, a: Anchor, step: StepDef): AutomationDef {
	const old = targetOf(def, a);
	const outs = outputsOf(step);
	if (old !== null && outs.length === 0)
		throw new EditError('terminal_mid_path', `"${step.kind}" ends a path; it can only be added at the end of one.`);
	const placed = outs.length ? withTarget(step, outs[0].key, old) : step;
	const steps = [...def.steps];
	steps.splice(insertIndex(def, a), 0, placed);
	return redirect({ ...def, steps }, a, step.id);
}

/** The first open end (an output leading nowhere) found from the start, depth first. */
export function firstOpenEnd(def: AutomationDef): Anchor | null {
	const start = startOf(def);
	if (!start) return { from: null, key: 'start' };
	const byId = new Map(def.steps.map((s) => [s.id, s]));
	const seen = new Set<string>();
	const stack = [start];
	while (stack.length) {
		const id = stack.pop()!;
		if (seen.has(id)) continue;
		seen.add(id);
		const s = byId.get(id);
		if (!s) continue;
		const outs = outputsOf(s);
		for (const o of outs) if (o.target === null || !byId.has(o.target)) return { from: s.id, key: o.key };
		for (let i = outs.length - 1; i >= 0; i--) stack.push(outs[i].target!);
	}
	return null;
}

/** Appends `step` at the first open end of the journey (or as the first step). */
export function appendStep(def: AutomationDef, step: StepDef): AutomationDef {
	const a = firstOpenEnd(def);
	if (!a) throw new EditError('no_open_end', 'Every path ends with a Go to or an End step; add the step on an edge instead.');
	return insertStep(def, a, step);
}

/** Steps reachable from `from` along structural edges (including `from`). */
function subtree(byId: Map<string, StepDef>, from: string | null): Set<string> {
	const out = new Set<string>();
	const stack = from ? [from] : [];
	while (stack.length) {
		const id = stack.pop()!;
		if (out.has(id) || !byId.has(id)) continue;
		out.add(id);
		for (const o of outputsOf(byId.get(id)!)) if (o.target) stack.push(o.target);
	}
	return out;
}

/** Steps reachable from the start along edges and go-to links. */
export function reachableSteps(def: AutomationDef): Set<string> {
	const byId = new Map(def.steps.map((s) => [s.id, s]));
	const out = new Set<string>();
	const start = startOf(def);
	const stack = start ? [start] : [];
	while (stack.length) {
		const id = stack.pop()!;
		if (out.has(id) || !byId.has(id)) continue;
		out.add(id);
		const s = byId.get(id)!;
		for (const o of outputsOf(s)) if (o.target) stack.push(o.target);
		for (const l of linksOf(s)) stack.push(l);
	}
	return out;
}

/**
 * Deletes steps and reconnects: whatever led to a deleted step now leads to its continuation (its
 * first output, skipping other deleted steps). A deleted If/else or Split keeps its first path
 * (Yes, path A); steps only reachable through its other paths are deleted with it. Go-to steps
 * aiming at a deleted step aim at its continuation. Returns the new definition and every id removed.
 */
export function deleteSteps(def: AutomationDef, ids: Iterable<string>): { def: AutomationDef; removed: string[] } {
	const del = new Set(ids);
	const byId = new Map(def.steps.map((s) => [s.id, s]));
	for (const id of [...del]) if (!byId.has(id)) del.delete(id);
	if (!del.size) return { def, removed: [] };
	const continuation = (id: string | null): string | null => {
		const seen = new Set<string>();
		while (id !== null && del.has(id) && !seen.has(id)) {
			seen.add(id);
			id = outputsOf(byId.get(id)!)[0]?.target ?? null;
		}
		return id !== null && del.has(id) ? null : id;
	};
	const reachableBefore = reachableSteps(def);
	// Steps under the other paths of deleted branches are deleted too if nothing else reaches them.
	const candidates = new Set<string>();
	for (const id of del)
		for (const o of outputsOf(byId.get(id)!).slice(1)) for (const x of subtree(byId, o.target)) if (!del.has(x)) candidates.add(x);
	let steps = def.steps
		.filter((s) => !del.has(s.id))
		.map((s) => {
			let out = s;
			for (const o of outputsOf(s)) if (o.target && del.has(o.target)) out = withTarget(out, o.key, continuation(o.target));
			if (s.kind === 'goto' && typeof s.target === 'string' && del.has(s.target)) {
				const to = continuation(s.target);
				if (to) out = { ...out, target: to };
			}
			return out;
		});
	let next: AutomationDef = { ...def, steps };
	const oldStart = startOf(def);
	if (oldStart && del.has(oldStart)) {
		const to = continuation(oldStart);
		const { start: _s, ...rest } = next;
		next = to ? { ...rest, start: to } : (rest as AutomationDef);
	} else if (def.start === undefined && oldStart) next = { ...next, start: oldStart };
	// Keep the implicit start implicit when it is still the first step.
	if (def.start === undefined && next.start && next.steps[0]?.id === next.start) {
		const { start: _s, ...rest } = next;
		next = rest as AutomationDef;
	}
	const reachableAfter = reachableSteps(next);
	const pruned = [...candidates].filter((id) => reachableBefore.has(id) && !reachableAfter.has(id));
	if (pruned.length) {
		const p = new Set(pruned);
		steps = next.steps.filter((s) => !p.has(s.id));
		next = { ...next, steps };
	}
	const removed = [...del, ...pruned];
	if (next.layout) {
		const layout = { ...next.layout };
		for (const id of removed) delete layout[id];
		next = Object.keys(layout).length ? { ...next, layout } : omitLayout(next);
	}
	return { def: next, removed };
}

function omitLayout(def: AutomationDef): AutomationDef {
	const { layout: _l, ...rest } = def;
	return rest as AutomationDef;
}

/** Steps in flow order: depth first from the start along outputs, then the unreachable ones. */
export function flowOrder(def: AutomationDef): StepDef[] {
	const byId = new Map(def.steps.map((s) => [s.id, s]));
	const out: StepDef[] = [];
	const seen = new Set<string>();
	const visit = (id: string | null) => {
		const stack = id ? [id] : [];
		while (stack.length) {
			const x = stack.pop()!;
			if (seen.has(x) || !byId.has(x)) continue;
			seen.add(x);
			const s = byId.get(x)!;
			out.push(s);
			const outs = outputsOf(s);
			for (let i = outs.length - 1; i >= 0; i--) if (outs[i].target) stack.push(outs[i].target!);
		}
	};
	visit(startOf(def));
	for (const s of def.steps) visit(s.id);
	return out;
}

/** Copied steps: their definitions with edges leaving the selection cut, the first in flow order first. */
export interface Fragment {
	steps: StepDef[];
}

/** Copies the selected steps (edges to steps outside the selection are cut). */
export function copySteps(def: AutomationDef, ids: Iterable<string>): Fragment {
	const sel = new Set(ids);
	const steps = flowOrder(def)
		.filter((s) => sel.has(s.id))
		.map((s) => {
			let out = structuredClone(s);
			for (const o of outputsOf(s)) if (o.target && !sel.has(o.target)) out = withTarget(out, o.key, null);
			return out;
		});
	return { steps };
}

/**
 * Pastes a fragment at the anchor with fresh ids: the anchor leads to the fragment's first step,
 * and the anchor's old target follows the fragment's first open end. Returns the new ids in order.
 */
export function pasteSteps(def: AutomationDef, a: Anchor, frag: Fragment, newId: (kind: string, taken: Set<string>) => string): { def: AutomationDef; ids: string[] } {
	if (!frag.steps.length) return { def, ids: [] };
	const taken = new Set(def.steps.map((s) => s.id));
	const map = new Map<string, string>();
	for (const s of frag.steps) {
		const id = newId(s.kind, taken);
		taken.add(id);
		map.set(s.id, id);
	}
	const renamed = frag.steps.map((s) => {
		let out: StepDef = { ...structuredClone(s), id: map.get(s.id)! };
		for (const o of outputsOf(s)) if (o.target) out = withTarget(out, o.key, map.get(o.target) ?? null);
		if (s.kind === 'goto' && typeof s.target === 'string' && map.has(s.target)) out = { ...out, target: map.get(s.target)! };
		return out;
	});
	const old = targetOf(def, a);
	const root = renamed[0];
	// The first open end of the fragment, depth first from its root, receives the old target.
	const byId = new Map(renamed.map((s) => [s.id, s]));
	let tail: { id: string; key: string } | null = null;
	const seen = new Set<string>();
	const stack = [root.id];
	while (stack.length && !tail) {
		const id = stack.pop()!;
		if (seen.has(id)) continue;
		seen.add(id);
		const outs = outputsOf(byId.get(id)!);
		const open = outs.find((o) => o.target === null);
		if (open) tail = { id, key: open.key };
		for (let i = outs.length - 1; i >= 0; i--) if (outs[i].target) stack.push(outs[i].target!);
	}
	if (old !== null && !tail) throw new EditError('terminal_mid_path', 'The copied steps end their path; paste them at the end of a path.');
	const placed = renamed.map((s) => (tail && s.id === tail.id ? withTarget(s, tail.key, old) : s));
	const steps = [...def.steps];
	steps.splice(insertIndex(def, a), 0, ...placed);
	return { def: redirect({ ...def, steps }, a, root.id), ids: renamed.map((s) => s.id) };
}

/** A new readable, collision-resistant step or trigger id such as "wait-k3f9a". */
export function freshId(kind: string, taken: Set<string>, random: () => number = Math.random): string {
	const base = kind.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'step';
	for (;;) {
		const id = `${base}-${Math.floor(random() * 36 ** 5).toString(36).padStart(5, '0')}`;
		if (!taken.has(id)) return id;
	}
}

/** Replaces one step's definition (its id is kept). */
export function replaceStep(def: AutomationDef, id: string, step: StepDef): AutomationDef {
	return { ...def, steps: def.steps.map((s) => (s.id === id ? { ...step, id } : s)) };
}

/** Adds a trigger at the end of the list. */
export function addTrigger(def: AutomationDef, trigger: TriggerDef): AutomationDef {
	return { ...def, triggers: [...def.triggers, trigger] };
}

/** Replaces one trigger's definition (its id is kept). */
export function replaceTrigger(def: AutomationDef, id: string, trigger: TriggerDef): AutomationDef {
	return { ...def, triggers: def.triggers.map((t) => (t.id === id ? { ...trigger, id } : t)) };
}

/** Removes triggers. */
export function removeTriggers(def: AutomationDef, ids: Iterable<string>): AutomationDef {
	const del = new Set(ids);
	return { ...def, triggers: def.triggers.filter((t) => !del.has(t.id)) };
}

/** Moves nodes by (dx, dy) from where they are (nudges are offsets from the automatic layout). */
export function nudge(def: AutomationDef, moves: Record<string, { x: number; y: number }>): AutomationDef {
	const layout = { ...(def.layout ?? {}) };
	for (const [id, p] of Object.entries(moves)) {
		const x = Math.round(p.x);
		const y = Math.round(p.y);
		if (x === 0 && y === 0) delete layout[id];
		else layout[id] = { x, y };
	}
	return Object.keys(layout).length ? { ...def, layout } : omitLayout(def);
}

/** Forgets every nudge: back to the automatic layout. */
export function resetLayout(def: AutomationDef): AutomationDef {
	return omitLayout(def);
}
