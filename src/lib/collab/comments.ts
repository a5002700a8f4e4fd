/**
 * Threaded comments pinned to steps and triggers, stored in the draft document's `comments` root,
 * beside (never inside) the automation definition: comment id → Y.Map {target, author, text, at,
 * resolved, resolvedBy?, replies: Y.Array of plain {id, author, text, at}}.
 *
 * Comments are a conversation, not an edit of the automation: they are outside the per-user undo
 * (undoing a graph edit never removes a comment, and a comment is never undone by Ctrl+Z), they
 * never reach the definition the engine runs, and they survive the deletion of their step (listed
 * as "on a deleted step" until resolved or deleted). Text is plain text, shown as text, never HTML.
 * Each field is its own map entry, so resolving and replying at the same time both stick.
 */
import * as Y from 'yjs';

/** Who wrote a comment (the draft user). */
export interface CommentAuthor {
	id: string;
	name: string;
	color: string;
}

/** What a comment is pinned to. */
export interface CommentTarget {
	type: 'step' | 'trigger';
	id: string;
}

export interface CommentReply {
	id: string;
	author: CommentAuthor;
	text: string;
	at: number;
}

/** A thread, as plain data. */
export interface CommentThread {
	id: string;
	target: CommentTarget;
	author: CommentAuthor;
	text: string;
	at: number;
	resolved: boolean;
	resolvedBy: CommentAuthor | null;
	replies: CommentReply[];
}

/** Transaction origin of comment edits (not tracked by any undo manager). */
export const COMMENT_ORIGIN = 'comments';

/** Longest comment or reply kept (longer text is cut). */
export const MAX_COMMENT = 4000;

/** The comments root of a draft document. */
export function commentsRoot(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap('comments');
}

function clean(text: string): string {
	return text.replace(/\r\n?/g, '\n').trim().slice(0, MAX_COMMENT);
}

function plainAuthor(a: unknown): CommentAuthor {
	const o = (a && typeof a === 'object' ? a : {}) as Record<string, unknown>;
	return { id: String(o.id ?? ''), name: String(o.name ?? ''), color: String(o.color ?? '#888888') };
}

function plainTarget(t: unknown): CommentTarget {
	const o = (t && typeof t === 'object' ? t : {}) as Record<string, unknown>;
	return { type: o.type === 'trigger' ? 'trigger' : 'step', id: String(o.id ?? '') };
}

/** A random id for a comment or reply. */
export function commentId(random: () => number = Math.random): string {
	return `c-${Math.floor(random() * 36 ** 8).toString(36).padStart(8, '0')}`;
}

/** Starts a thread on a step or trigger; returns its id (null when the text is empty). */
export function addComment(doc: Y.Doc, target: CommentTarget, author: CommentAuthor, text: string, at: number, id = commentId()): string | null {
	const body = clean(text);
	if (!body) return null;
	doc.transact(() => {
		const m = new Y.Map<unknown>();
		m.set('target', { type: target.type, id: target.id });
		m.set('author', { ...author });
		m.set('text', body);
		m.set('at', at);
		m.set('resolved', false);
		m.set('replies', new Y.Array<CommentReply>());
		commentsRoot(doc).set(id, m);
	}, COMMENT_ORIGIN);
	return id;
}

/** Adds a reply to a thread (ignored when the thread was deleted meanwhile or the text is empty). */
export function replyTo(doc: Y.Doc, thread: string, author: CommentAuthor, text: string, at: number, id = commentId()): string | null {
	const body = clean(text);
	const m = commentsRoot(doc).get(thread);
	const replies = m?.get('replies');
	if (!body || !(replies instanceof Y.Array)) return null;
	doc.transact(() => replies.push([{ id, author: { ...author }, text: body, at }]), COMMENT_ORIGIN);
	return id;
}

/** Resolves or reopens a thread. */
export function setResolved(doc: Y.Doc, thread: string, resolved: boolean, by: CommentAuthor): void {
	const m = commentsRoot(doc).get(thread);
	if (!m) return;
	doc.transact(() => {
		m.set('resolved', resolved);
		if (resolved) m.set('resolvedBy', { ...by });
		else m.delete('resolvedBy');
	}, COMMENT_ORIGIN);
}

/** Deletes a thread; only its author may (returns false otherwise). */
export function deleteComment(doc: Y.Doc, thread: string, by: CommentAuthor): boolean {
	const m = commentsRoot(doc).get(thread);
	if (!m || plainAuthor(m.get('author')).id !== by.id) return false;
	doc.transact(() => commentsRoot(doc).delete(thread), COMMENT_ORIGIN);
	return true;
}

/** Deletes a reply; only its author may (returns false otherwise). */
export function deleteReply(doc: Y.Doc, thread: string, reply: string, by: CommentAuthor): boolean {
	const replies = commentsRoot(doc).get(thread)?.get('replies');
	if (!(replies instanceof Y.Array)) return false;
	const i = (replies.toArray() as CommentReply[]).findIndex((r) => r.id === reply);
	if (i < 0 || plainAuthor((replies.get(i) as CommentReply).author).id !== by.id) return false;
	doc.transact(() => replies.delete(i, 1), COMMENT_ORIGIN);
	return true;
}

/** Every thread, oldest first (ties by id), as plain data: the same list on every peer. */
export function listComments(doc: Y.Doc): CommentThread[] {
	const out: CommentThread[] = [];
	for (const [id, m] of commentsRoot(doc).entries()) {
		if (!(m instanceof Y.Map)) continue;
		const replies = m.get('replies');
		out.push({
			id,
			target: plainTarget(m.get('target')),
			author: plainAuthor(m.get('author')),
			text: String(m.get('text') ?? ''),
			at: Number(m.get('at') ?? 0),
			resolved: m.get('resolved') === true,
			resolvedBy: m.get('resolvedBy') ? plainAuthor(m.get('resolvedBy')) : null,
			replies:
				replies instanceof Y.Array
					? (replies.toArray() as CommentReply[])
							.map((r) => ({ id: String(r.id), author: plainAuthor(r.author), text: String(r.text ?? ''), at: Number(r.at ?? 0) }))
							.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
					: []
		});
	}
	return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Open threads per node id ("s:<step>", "t:<trigger>"), for badges. */
export function openCounts(threads: readonly CommentThread[]): Map<string, number> {
	const out = new Map<string, number>();
	for (const c of threads) {
		if (c.resolved) continue;
		const key = `${c.target.type === 'step' ? 's' : 't'}:${c.target.id}`;
		out.set(key, (out.get(key) ?? 0) + 1);
	}
	return out;
}

/** Whether a thread's step or trigger no longer exists in the definition. */
export function isOrphan(c: CommentThread, def: { steps: { id: string }[]; triggers: { id: string }[] }): boolean {
	return c.target.type === 'step' ? !def.steps.some((s) => s.id === c.target.id) : !def.triggers.some((t) => t.id === c.target.id);
}
