/**
 * Automatic layout of the canvas with dagre: top to bottom, triggers first, branches side by side.
 * Returns top-left positions. The result depends only on the structure (ids, sizes, edges), so the
 * builder recomputes it when the structure changes, not on every settings edit.
 *
 * Ranking: dagre's network simplex (the tightest ranks) costs most of a layout on large automations
 * (about 2/3 of 200 steps' layout). Automations are trees with a few merges, where the feasible
 * tight tree it starts from is already the answer in practice (identical positions on the demo,
 * the scenarios and a 200-step chain), so large ones skip the simplex iterations.
 */
import { Graph, layout } from '@dagrejs/dagre';

/** A box to place. */
export interface LayoutNode {
	id: string;
	width: number;
	height: number;
}

/** An edge that shapes the layout (go-to and goal links do not). */
export interface LayoutEdge {
	source: string;
	target: string;
}

/** Above this many boxes, ranks come from the feasible tight tree alone. */
export const TIGHT_TREE_FROM = 120;

/** Top-left positions of every node; `order` pairs keep `left` to the left of `right` (branch paths in output order). */
export function autoLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], order: readonly { left: string; right: string }[] = []): Map<string, { x: number; y: number }> {
	const g = new Graph({ multigraph: true });
	const ranker = nodes.length > TIGHT_TREE_FROM ? 'tight-tree' : 'network-simplex';
	g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 56, marginx: 20, marginy: 20, ranker });
	g.setDefaultEdgeLabel(() => ({}));
	for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
	edges.forEach((e, i) => {
		if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target, {}, `e${i}`);
	});
	layout(g, { constraints: order.filter((c) => g.hasNode(c.left) && g.hasNode(c.right)).map((c) => ({ left: c.left, right: c.right })) });
	const out = new Map<string, { x: number; y: number }>();
	for (const n of nodes) {
		const p = g.node(n.id) as { x: number; y: number } | undefined;
		out.set(n.id, p ? { x: Math.round(p.x - n.width / 2), y: Math.round(p.y - n.height / 2) } : { x: 0, y: 0 });
	}
	return out;
}
