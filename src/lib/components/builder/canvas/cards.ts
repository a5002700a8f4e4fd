/**
 * From the canvas model to Svelte Flow nodes and edges: card data (titles, summaries, issues,
 * live counts, other users' selections), positions (automatic + the user's nudge), and the names
 * screen readers announce for every node and edge.
 */
import type { Edge, Node } from '@xyflow/svelte';
import { dequal } from 'dequal';
import type { Diagnostic } from '$lib/engine/diagnostics';
import { stepKinds } from '$lib/engine/steps/registry';
import { triggerKinds } from '$lib/engine/triggers/registry';
import type { AutomationDef } from '$lib/engine/schema/automation';
import type { Anchor } from '$lib/collab/ops';
import type { StepCountsView } from '$lib/worker/views';
import { SIZES, type ModelEdge, type ModelNode } from '../graph';
import { stepSummary, triggerSummary, type SummaryContext, type Translate } from '../summary';

export interface StepCardData extends Record<string, unknown> {
	kindTitle: string;
	/** The user's own label, when set (then the title). */
	label: string | null;
	title: string;
	summary: string;
	group: string;
	errors: number;
	warnings: number;
	/** First issue's message and help (tooltip). */
	issue: string | null;
	counts: { entered: number; waiting: number; completed: number } | null;
	outputs: { key: string }[];
	start: boolean;
	peerColor: string | null;
	peerName: string | null;
	/** Open comment threads pinned to the step. */
	comments: number;
}

export interface TriggerCardData extends Record<string, unknown> {
	title: string;
	summary: string;
	errors: number;
	warnings: number;
	issue: string | null;
	peerColor: string | null;
	/** Open comment threads pinned to the trigger. */
	comments: number;
}

export interface AddCardData extends Record<string, unknown> {
	anchor: Anchor;
	pathLabel?: string;
}

export interface EdgeData extends Record<string, unknown> {
	kind: ModelEdge['kind'];
	anchor?: Anchor;
	label?: string;
	/** Contacts who took this path (branches of published automations). */
	count?: number;
	insertable: boolean;
	/** What the edge leads to, for its "+" button's name. */
	between: string;
}

/** Everything the cards read. */
export interface CardContext extends SummaryContext {
	def: AutomationDef;
	diagnostics: Diagnostic[];
	counts: StepCountsView | null;
	selection: readonly string[];
	peers: { color: string; name: string; selection: string[] }[];
	readonly: boolean;
	/** Open comment threads per node id. */
	comments?: Map<string, number>;
}

/** The title shown for a step: its label, else its kind's title. */
export function stepTitleOf(kind: string, label: unknown, t: Translate): string {
	return (typeof label === 'string' && label.trim()) || kindTitle(kind, t);
}

/** A step kind's title in the interface language. */
export function kindTitle(kind: string, t: Translate): string {
	return t(`kinds.step.${kind}.title`, { default: stepKinds.get(kind)?.title ?? kind });
}

/** A trigger kind's title in the interface language. */
export function triggerTitle(kind: string, t: Translate): string {
	return t(`kinds.trigger.${kind}.title`, { default: triggerKinds.get(kind)?.title ?? kind });
}

function issues(ds: Diagnostic[]): { errors: number; warnings: number; issue: string | null } {
	const errors = ds.filter((d) => d.severity === 'error');
	const warnings = ds.filter((d) => d.severity === 'warning');
	const first = errors[0] ?? warnings[0];
	return { errors: errors.length, warnings: warnings.length, issue: first ? `${first.message} ${first.help}` : null };
}

/** Svelte Flow nodes for the model at the given positions. */
export function flowNodes(nodes: ModelNode[], pos: Map<string, { x: number; y: number }>, cx: CardContext): Node[] {
	const { t } = cx;
	const counts = new Map((cx.counts?.steps ?? []).map((s) => [s.id, s]));
	const start = cx.def.start ?? cx.def.steps[0]?.id;
	const peerOf = (id: string) => cx.peers.find((p) => p.selection.includes(id)) ?? null;
	return nodes.map((n): Node => {
		const base = { id: n.id, type: n.type, position: pos.get(n.id) ?? { x: 0, y: 0 }, ...SIZES[n.type], selected: cx.selection.includes(n.id) };
		if (n.type === 'step' && n.step) {
			const s = n.step;
			const c = counts.get(s.id);
			const is = issues(cx.diagnostics.filter((d) => d.step === s.id));
			const peer = peerOf(n.id);
			const data: StepCardData = {
				kindTitle: kindTitle(s.kind, t),
				label: typeof s.label === 'string' && s.label.trim() ? s.label : null,
				title: stepTitleOf(s.kind, s.label, t),
				summary: stepSummary(s, cx),
				group: stepKinds.get(s.kind)?.group ?? 'workflow',
				...is,
				counts: c && cx.counts ? { entered: c.entered, waiting: c.waiting, completed: c.completed } : null,
				outputs: (() => {
					const k = stepKinds.get(s.kind);
					try {
						return k ? k.outputs(s).map((o) => ({ key: o.key })) : [];
					} catch {
						return [];
					}
				})(),
				start: s.id === start,
				peerColor: peer?.color ?? null,
				peerName: peer?.name ?? null,
				comments: cx.comments?.get(n.id) ?? 0
			};
			const parts = [data.title, data.title !== data.kindTitle ? data.kindTitle : '', data.summary];
			if (is.errors) parts.push(t('builder.node.errors', { values: { n: is.errors } }));
			else if (is.warnings) parts.push(t('builder.node.warnings', { values: { n: is.warnings } }));
			if (data.counts) parts.push(t('builder.counts.aria', { values: data.counts }));
			if (data.comments) parts.push(t('collab.comments.badge', { values: { n: data.comments } }));
			return { ...base, data, draggable: !cx.readonly, ariaLabel: t('builder.node.stepAria', { values: { text: parts.filter(Boolean).join(', ') } }) };
		}
		if (n.type === 'trigger' && n.trigger) {
			const tr = n.trigger;
			const is = issues(cx.diagnostics.filter((d) => d.trigger === tr.id));
			const comments = cx.comments?.get(n.id) ?? 0;
			const data: TriggerCardData = { title: triggerTitle(tr.kind, t), summary: triggerSummary(tr, cx), ...is, peerColor: peerOf(n.id)?.color ?? null, comments };
			const text = [data.title, data.summary, comments ? t('collab.comments.badge', { values: { n: comments } }) : ''].filter(Boolean).join(', ');
			return { ...base, data, draggable: false, ariaLabel: t('builder.node.triggerAria', { values: { text } }) };
		}
		if (n.type === 'add') {
			const data: AddCardData = { anchor: n.anchor!, pathLabel: n.pathLabel ? edgeLabel(n.pathLabel, t) : undefined };
			return { ...base, data, draggable: false, selectable: false, focusable: false };
		}
		return { ...base, data: {}, draggable: false, selectable: false, focusable: false };
	});
}

/** "Yes" / "No" for if/else keys, the path label otherwise. */
export function edgeLabel(label: string, t: Translate): string {
	return label === 'yes' ? t('builder.edge.yes') : label === 'no' ? t('builder.edge.no') : label;
}

/** Svelte Flow edges for the model. */
export function flowEdges(edges: ModelEdge[], nodes: ModelNode[], cx: CardContext): Edge[] {
	const { t } = cx;
	const counts = new Map((cx.counts?.steps ?? []).map((s) => [s.id, s]));
	const title = new Map(
		nodes.map((n) => [
			n.id,
			n.step ? stepTitleOf(n.step.kind, n.step.label, t) : n.trigger ? triggerTitle(n.trigger.kind, t) : n.type === 'add' ? t('builder.edge.endOfPath') : ''
		])
	);
	return edges.map((e): Edge => {
		const stepId = e.source.startsWith('s:') ? e.source.slice(2) : null;
		const pathCount = stepId !== null && e.output !== undefined && e.label ? counts.get(stepId)?.paths[e.output] : undefined;
		const label = e.label ? `${edgeLabel(e.label, t)}${e.percent !== undefined ? ` ${e.percent}%` : ''}` : undefined;
		const data: EdgeData = { kind: e.kind, anchor: e.anchor, label, count: cx.counts ? pathCount : undefined, insertable: e.insertable, between: `${title.get(e.source) ?? ''} → ${title.get(e.target) ?? ''}` };
		const aria =
			e.kind === 'goto'
				? t('builder.edge.gotoAria', { values: { from: title.get(e.source), to: title.get(e.target) } })
				: e.kind === 'goal'
					? t('builder.edge.goalAria', { values: { to: title.get(e.target) } })
					: t('builder.edge.flowAria', { values: { from: title.get(e.source), to: title.get(e.target), path: label ?? '' } });
		return {
			id: e.id,
			source: e.source,
			target: e.target,
			sourceHandle: e.kind === 'flow' ? e.sourceHandle : 'link-out',
			...(e.kind === 'flow' ? {} : { targetHandle: 'link-in' }),
			type: e.kind === 'flow' ? 'path' : 'link',
			data,
			selectable: false,
			focusable: false,
			ariaLabel: aria
		};
	});
}

/**
 * Keeps the previous node objects that did not change (Svelte Flow then keeps their internals:
 * measurements, handle bounds and the layouted edges around them, so an edit redraws only what it
 * touched). A changed node keeps its predecessor's measurements when its handles are the same, so
 * its edges stay drawn instead of waiting for a new measure.
 */
export function keepUnchangedNodes(prev: readonly Node[], next: Node[]): Node[] {
	const before = new Map(prev.map((n) => [n.id, n]));
	return next.map((n) => {
		const old = before.get(n.id);
		if (!old) return n;
		if (sameExceptMeasure(old, n)) return old;
		return old.measured && old.type === n.type && dequal(handlesOf(old), handlesOf(n)) ? { ...n, measured: old.measured } : n;
	});
}

/** Keeps the previous edge objects that did not change (Svelte Flow reuses their drawn paths). */
export function keepUnchangedEdges(prev: readonly Edge[], next: Edge[]): Edge[] {
	const before = new Map(prev.map((e) => [e.id, e]));
	return next.map((e) => {
		const old = before.get(e.id);
		return old && dequal(old, e) ? old : e;
	});
}

/** Whether `old` (which Svelte Flow may have given `measured`) says everything `next` says. */
function sameExceptMeasure(old: Node, next: Node): boolean {
	const keys = Object.keys(next) as (keyof Node)[];
	return keys.every((k) => dequal(old[k], next[k])) && Object.keys(old).every((k) => k === 'measured' || k in next);
}

/** The handles a node draws (its outputs, for steps). */
function handlesOf(n: Node): unknown {
	return (n.data as Partial<StepCardData>).outputs ?? null;
}
