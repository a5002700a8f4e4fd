/**
 * The collaboration side of one open builder (comments and presence), kept apart from the
 * builder's editing state: the comment threads of the draft, the other peers' pointers and the
 * inspector fields they edit, and this user's own pointer and field. Reads the draft document
 * through `BuilderState.draft`; writes comments outside the graph's undo (see collab/comments.ts).
 */
import type { BuilderState } from './builder.svelte';
import { addComment, deleteComment, deleteReply, listComments, openCounts, replyTo, setResolved, type CommentThread } from '$lib/collab/comments';
import { CursorPublisher, peersOf, setEditing, type EditingField, type FlowPoint, type PeerPresence } from '$lib/collab/presence';
import type { DraftDoc } from '$lib/collab/draft';
import { parseNodeId } from './graph';

export class CollabUi {
	/** Every comment thread of the draft (same order on every peer). */
	comments = $state.raw<CommentThread[]>([]);
	/** Other peers' pointers and fields. */
	presence = $state.raw<PeerPresence[]>([]);
	private draft: DraftDoc | null = null;
	private unsubscribe: (() => void) | null = null;
	private cursor: CursorPublisher | null = null;
	private lastComments = '';
	private lastPresence = '';

	constructor(readonly b: BuilderState) {}

	/** Open threads per node id ("s:<step>", "t:<trigger>"). */
	get openCounts(): Map<string, number> {
		return openCounts(this.comments);
	}

	/** Follows the builder's draft (call from an effect when `b.draft` changes). */
	attach(draft: DraftDoc | null): void {
		if (draft === this.draft) return;
		this.detach();
		this.draft = draft;
		if (!draft) return;
		this.cursor = new CursorPublisher(draft.awareness);
		this.unsubscribe = draft.subscribe(() => this.read());
		this.read();
	}

	detach(): void {
		this.unsubscribe?.();
		this.unsubscribe = null;
		this.cursor?.destroy();
		this.cursor = null;
		this.draft = null;
	}

	private read(): void {
		const d = this.draft;
		if (!d) return;
		const comments = listComments(d.doc);
		const ck = JSON.stringify(comments);
		if (ck !== this.lastComments) {
			this.lastComments = ck;
			this.comments = comments;
		}
		const presence = peersOf(d.awareness);
		const pk = JSON.stringify(presence);
		if (pk !== this.lastPresence) {
			this.lastPresence = pk;
			this.presence = presence;
		}
	}

	// ------------------------------------------------------------------ comments

	/** Threads pinned to a node ("s:<step>" / "t:<trigger>"), oldest first. */
	threadsOf(node: string): CommentThread[] {
		const p = parseNodeId(node);
		return p ? this.comments.filter((c) => c.target.type === p.type && c.target.id === p.ref) : [];
	}

	/** Whether this user may write comments (not a spectator, not previewing an old version). */
	get canWrite(): boolean {
		return !!this.draft && !this.b.readonly;
	}

	comment(node: string, text: string): boolean {
		const p = parseNodeId(node);
		if (!this.draft || !p || !this.canWrite) return false;
		return addComment(this.draft.doc, { type: p.type, id: p.ref }, this.b.user, text, Date.now()) !== null;
	}

	reply(thread: string, text: string): boolean {
		return this.canWrite && replyTo(this.draft!.doc, thread, this.b.user, text, Date.now()) !== null;
	}

	resolve(thread: string, resolved: boolean): void {
		if (this.canWrite) setResolved(this.draft!.doc, thread, resolved, this.b.user);
	}

	remove(thread: string): void {
		if (this.canWrite) deleteComment(this.draft!.doc, thread, this.b.user);
	}

	removeReply(thread: string, reply: string): void {
		if (this.canWrite) deleteReply(this.draft!.doc, thread, reply, this.b.user);
	}

	/** Whether this user wrote it (may delete it). */
	mine(author: { id: string }): boolean {
		return author.id === this.b.user.id;
	}

	// ------------------------------------------------------------------ presence

	/** This user's pointer on the canvas, in flow coordinates (null: left the canvas). */
	pointer(p: FlowPoint | null): void {
		this.cursor?.move(p);
	}

	/** The inspector field this user edits (null: none). */
	editing(field: EditingField | null): void {
		if (this.draft) setEditing(this.draft.awareness, field);
	}

	/** Other peers editing `field` of `target`. */
	editorsOf(target: string, field: string): PeerPresence[] {
		return this.presence.filter((p) => p.editing?.target === target && p.editing.field === field);
	}
}
