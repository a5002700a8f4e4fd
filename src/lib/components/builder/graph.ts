/**
 * The canvas model of an automation: trigger nodes on top ("+ Add trigger" beside them), step
 * nodes below, an "+" node at every open end of a path, tree edges (with their Yes/No or path
 * labels and the anchor where "+" inserts), and the links that are not tree edges: Go-to jumps
 * and goal jumps. Pure: no Svelte, no Yjs.
 */
import type { AutomationDef, StepDef, TriggerDef } from '../../engine/schema/automation';
import { linksOf, outputsOf, startOf, type Anchor } from '../../collab/ops';
import { autoLayout } from './layout';

/** Node sizes used by the layout (the cards are drawn at these sizes). */
export const SIZES = {
	step: { width: 250, height: 92 },
	trigger: { width: 250, height: 64 },
	add: { width: 44, height: 44 },
	addTrigger: { width: 170, height: 44 }
} as const;

export type NodeKind = keyof typeof SIZES;

/** A node of the canvas model. */
export interface ModelNode {
	id: string;
	type: NodeKind;
	/** Step or trigger id (for step and trigger nodes). */
	ref?: string;
	step?: StepDef;
	trigger?: TriggerDef;
	/** Where an "+" node appends. */
	anchor?: Anchor;
	/** Label of the path an "+" node ends (Yes, No, path name). */
	pathLabel?: string;
}

/** An edge of the canvas model. */
export interface ModelEdge {
	id: string;
	source: string;
	target: string;
	sourceHandle?: string;
	/** "flow": a tree edge (with a "+" to insert on it); "goto" and "goal": jumps drawn apart. */
	kind: 'flow' | 'goto' | 'goal';
	/** Where a step inserted on this edge goes (flow edges). */
	anchor?: Anchor;
	/** Output key of the source step (next, yes, no, path0…). */
	key?: string;
	/** Yes / No / path label. */
	label?: string;
	/** Percentage of a split path. */
	percent?: number;
	/** Index of the output (for per-path counts). */
	output?: number;
	/** Whether to show the "+" button (one per anchor). */
	insertable: boolean;
}

/** Node id of a step, a trigger. */
export const stepNode = (id: string) => `s:${id}`;
export const triggerNode = (id: string) => `t:${id}`;
export const ADD_TRIGGER = 'add-trigger';

/** What a node id designates. */
export function parseNodeId(id: string): { type: 'step' | 'trigger'; ref: string } | null {
	if (id.startsWith('s:')) return { type: 'step', ref: id.slice(2) };
	if (id.startsWith('t:')) return { type: 'trigger', ref: id.slice(2) };
	return null;
}

/** The canvas model of `def` (`readonly`: no "+" nodes or buttons). */
export function buildModel(def: AutomationDef, readonly = false): { nodes: ModelNode[]; edges: ModelEdge[] } {
	const nodes: ModelNode[] = [];
	const edges: ModelEdge[] = [];
	const byId = new Map(def.steps.map((s) => [s.id, s]));
	const start = startOf(def);
	const entryTarget = start && byId.has(start) ? stepNode(start) : null;
	const entryAnchor: Anchor = { from: null, key: 'start' };
	let entryNode = entryTarget;
	if (!entryNode && !readonly) {
		entryNode = 'add:entry';
		nodes.push({ id: entryNode, type: 'add', anchor: entryAnchor });
	}
	def.triggers.forEach((t, i) => {
		nodes.push({ id: triggerNode(t.id), type: 'trigger', ref: t.id, trigger: t });
		if (entryNode)
			edges.push({ id: `e:t:${t.id}`, source: triggerNode(t.id), target: entryNode, kind: 'flow', anchor: entryAnchor, insertable: !readonly && i === 0 && !!entryTarget });
	});
	if (!readonly) nodes.push({ id: ADD_TRIGGER, type: 'addTrigger' });
	// Nodes in flow order (depth first, Yes before No, path A before B, an open end's "+" where its
	// path is): dagre keeps that order left to right.
	const visited = new Set<string>();
	const visit = (id: string) => {
		const stack: (string | ModelNode)[] = [id];
		while (stack.length) {
			const top = stack.pop()!;
			if (typeof top !== 'string') {
				nodes.push(top);
				continue;
			}
			if (visited.has(top) || !byId.has(top)) continue;
			visited.add(top);
			const s = byId.get(top)!;
			nodes.push({ id: stepNode(s.id), type: 'step', ref: s.id, step: s });
			const outs = outputsOf(s);
			const percent = s.kind === 'split' && (s.mode === 'percent' || s.mode === 'test');
			const later: (string | ModelNode)[] = [];
			outs.forEach((o, i) => {
				const anchor: Anchor = { from: s.id, key: o.key };
				const label = s.kind === 'if_else' ? o.key : o.label;
				const pct = percent ? (s.paths as { percent?: number }[])[i]?.percent : undefined;
				const common = { sourceHandle: o.key, key: o.key, label: outs.length > 1 ? label : undefined, percent: pct, output: i, anchor };
				if (o.target && byId.has(o.target)) {
					edges.push({ id: `e:${s.id}:${o.key}`, source: stepNode(s.id), target: stepNode(o.target), kind: 'flow', insertable: !readonly, ...common });
					later.push(o.target);
				} else if (!readonly) {
					const add = `add:${s.id}:${o.key}`;
					later.push({ id: add, type: 'add', anchor, pathLabel: outs.length > 1 ? label : undefined });
					edges.push({ id: `e:${s.id}:${o.key}`, source: stepNode(s.id), target: add, kind: 'flow', insertable: false, ...common });
				}
			});
			for (let i = later.length - 1; i >= 0; i--) stack.push(later[i]);
			for (const l of linksOf(s))
				if (byId.has(l)) edges.push({ id: `l:${s.id}:${l}`, source: stepNode(s.id), target: stepNode(l), kind: 'goto', insertable: false });
		}
	};
	if (start) visit(start);
	for (const s of def.steps) visit(s.id);
	// Goal jumps: contacts anywhere above a goal jump to it when they meet it; drawn from the start.
	if (start && byId.has(start))
		for (const s of def.steps)
			if (s.kind === 'goal' && s.id !== start && !outputsOf(byId.get(start)!).some((o) => o.target === s.id) && isBelow(byId, start, s.id))
				edges.push({ id: `g:${s.id}`, source: stepNode(start), target: stepNode(s.id), kind: 'goal', insertable: false });
	return { nodes, edges };
}

/** Whether `to` is strictly below `from` along tree edges. */
function isBelow(byId: Map<string, StepDef>, from: string, to: string): boolean {
	const seen = new Set<string>();
	const stack = [from];
	while (stack.length) {
		const id = stack.pop()!;
		if (seen.has(id)) continue;
		seen.add(id);
		for (const o of outputsOf(byId.get(id)!)) {
			if (!o.target || !byId.has(o.target)) continue;
			if (o.target === to) return true;
			stack.push(o.target);
		}
	}
	return false;
}

/** A key that changes only when the layout must be recomputed (nodes and tree edges). */
export function structureKey(m: { nodes: ModelNode[]; edges: ModelEdge[] }): string {
	return m.nodes.map((n) => n.id).join(',') + '|' + m.edges.filter((e) => e.kind === 'flow').map((e) => `${e.source}>${e.target}`).join(',');
}

/**
 * Automatic positions of the model's nodes (top-left). "+ Add trigger" sits in the triggers' row:
 * it is laid out as if it led to the first step like a trigger.
 */
export function layoutModel(m: { nodes: ModelNode[]; edges: ModelEdge[] }): Map<string, { x: number; y: number }> {
	const flow = m.edges.filter((e) => e.kind === 'flow').map((e) => ({ source: e.source, target: e.target }));
	const entry = m.nodes.find((n) => n.id === 'add:entry')?.id ?? m.edges.find((e) => e.source.startsWith('t:'))?.target ?? null;
	const first = m.nodes.find((n) => n.type === 'step')?.id ?? null;
	const target = entry ?? first;
	if (target && m.nodes.some((n) => n.id === ADD_TRIGGER)) flow.push({ source: ADD_TRIGGER, target });
	// Paths of a branch in output order: Yes left of No, path A left of B…
	const order: { left: string; right: string }[] = [];
	const bySource = new Map<string, ModelEdge[]>();
	for (const e of m.edges) if (e.kind === 'flow' && e.output !== undefined) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
	for (const outs of bySource.values()) {
		const targets = outs.sort((a, b) => a.output! - b.output!).map((e) => e.target);
		for (let i = 1; i < targets.length; i++) if (targets[i - 1] !== targets[i]) order.push({ left: targets[i - 1], right: targets[i] });
	}
	return autoLayout(
		m.nodes.map((n) => ({ id: n.id, ...SIZES[n.type] })),
		flow,
		order
	);
}

/**
 * Recent layouts by structure: undo and redo go back to a structure seen moments ago, so they reuse
 * its layout instead of running dagre again. Holds at most `size`, dropping the least recently used.
 */
export class LayoutCache {
	#entries = new Map<string, Map<string, { x: number; y: number }>>();
	constructor(readonly size = 8) {}

	/** The automatic positions of `m` (computed once per structure while it stays in the cache). */
	positions(m: { nodes: ModelNode[]; edges: ModelEdge[] }): Map<string, { x: number; y: number }> {
		const key = structureKey(m);
		let pos = this.#entries.get(key);
		if (pos) this.#entries.delete(key);
		else pos = layoutModel(m);
		this.#entries.set(key, pos);
		while (this.#entries.size > this.size) this.#entries.delete(this.#entries.keys().next().value!);
		return pos;
	}
}
