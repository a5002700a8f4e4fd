/**
 * The layout of an automation draft document. Root types are never replaced, only their
 * entries, so concurrent edits always land in the same structures:
 * - `meta`: id, name, description, entry rule, explicit start step;
 * - `triggers`, `steps`: id → Y.Map of the definition's fields (nested maps/arrays), plus `$order`
 *   (a number giving the position in the definition's list);
 * - `layout`: step id → Y.Map {x, y}: the user's nudge of a node from its automatic position;
 * - `gone`: step id → the step its first output led to when it was deleted (null: a path end).
 *   A peer that concurrently connected something to a deleted step is redirected there (see
 *   `docToDef`); undone with the deletion;
 * - `info`: bookkeeping outside undo (published version the draft was last aligned with, last
 *   local edit);
 * - `comments`: threads pinned to steps and triggers (comments.ts), outside undo.
 * Presence (cursors, selections, fields being edited) is awareness state, not document state.
 */
import * as Y from 'yjs';

/** Version of this layout, stored in `meta.format`. */
export const DOC_FORMAT = 1;

/** The root types of a draft document. */
export interface DraftRoots {
	meta: Y.Map<unknown>;
	triggers: Y.Map<Y.Map<unknown>>;
	steps: Y.Map<Y.Map<unknown>>;
	layout: Y.Map<Y.Map<unknown>>;
	gone: Y.Map<string | null>;
	info: Y.Map<unknown>;
}

/** The root types of `doc`. */
export function roots(doc: Y.Doc): DraftRoots {
	return {
		meta: doc.getMap('meta'),
		triggers: doc.getMap('triggers'),
		steps: doc.getMap('steps'),
		layout: doc.getMap('layout'),
		gone: doc.getMap('gone'),
		info: doc.getMap('info')
	};
}

/** The roots edits go through (and undo tracks): everything but `info` and comments. */
export function editableRoots(doc: Y.Doc): Y.AbstractType<any>[] {
	const r = roots(doc);
	return [r.meta, r.triggers, r.steps, r.layout, r.gone];
}

/** Name of the draft of one automation of one workspace (IndexedDB database, channel, room). */
export function draftName(workspace: string, automation: string): string {
	return `journey-studio-draft:${workspace}:${automation}`;
}
