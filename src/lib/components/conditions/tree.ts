/**
 * Immutable edits of a condition tree: every function returns a new tree and leaves the input
 * untouched. Paths are child indexes from the root group ([] = root, [1, 0] = first child of the
 * second child). Pure.
 */
import type { Condition } from '$lib/engine/schema/conditions';
import { isGroup } from './families';

/** A group's operator and children. */
export function parts(c: Condition): { op: 'all' | 'any'; children: Condition[] } {
	if ('all' in c) return { op: 'all', children: c.all };
	if ('any' in c) return { op: 'any', children: c.any };
	return { op: 'all', children: [c] };
}

/** A group of `op` with these children. */
export function group(op: 'all' | 'any', children: Condition[]): Condition {
	return op === 'all' ? { all: children } : { any: children };
}

/** The tree as a root group (a lone leaf becomes "all of [leaf]"). */
export function asRoot(c: Condition | undefined): Condition {
	if (!c) return { all: [] };
	return isGroup(c) ? c : { all: [c] };
}

/** The node at `path`. */
export function nodeAt(root: Condition, path: number[]): Condition {
	let n = root;
	for (const i of path) n = parts(n).children[i];
	return n;
}

/** Replaces the node at `path` (or removes it when `next` is null). */
export function replaceAt(root: Condition, path: number[], next: Condition | null): Condition {
	if (path.length === 0) return next ?? { all: [] };
	const { op, children } = parts(root);
	const [i, ...rest] = path;
	const copy = children.slice();
	if (rest.length === 0) {
		if (next === null) copy.splice(i, 1);
		else copy[i] = next;
	} else copy[i] = replaceAt(children[i], rest, next);
	return group(op, copy);
}

/** Appends a child to the group at `path`. */
export function appendAt(root: Condition, path: number[], child: Condition): Condition {
	const g = nodeAt(root, path);
	const { op, children } = parts(g);
	return replaceAt(root, path, group(op, [...children, child]));
}

/** Switches the group at `path` between "all" (AND) and "any" (OR). */
export function toggleAt(root: Condition, path: number[]): Condition {
	const { op, children } = parts(nodeAt(root, path));
	return replaceAt(root, path, group(op === 'all' ? 'any' : 'all', children));
}

/** Wraps the leaf at `path` in a new group (of the opposite operator of its parent). */
export function wrapAt(root: Condition, path: number[]): Condition {
	const parent = parts(nodeAt(root, path.slice(0, -1)));
	const node = nodeAt(root, path);
	return replaceAt(root, path, group(parent.op === 'all' ? 'any' : 'all', [node]));
}

/** Replaces the group at `path` by its children, spliced into its parent. */
export function unwrapAt(root: Condition, path: number[]): Condition {
	if (path.length === 0) return root;
	const parentPath = path.slice(0, -1);
	const { op, children } = parts(nodeAt(root, parentPath));
	const i = path[path.length - 1];
	const inner = parts(children[i]).children;
	return replaceAt(root, parentPath, group(op, [...children.slice(0, i), ...inner, ...children.slice(i + 1)]));
}

/** Number of leaves in the tree. */
export function leafCount(c: Condition): number {
	return isGroup(c) ? parts(c).children.reduce((n, x) => n + leafCount(x), 0) : 1;
}

/** The schema path of the node at a child-index path ([1, 0] → ["all", 1, "any", 0]). */
export function schemaPath(root: Condition, path: number[]): (string | number)[] {
	const out: (string | number)[] = [];
	let n = root;
	for (const i of path) {
		out.push(parts(n).op, i);
		n = parts(n).children[i];
	}
	return out;
}
