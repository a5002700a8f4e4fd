/**
 * Presence beyond selections, carried by the awareness (never by the document): each peer's
 * pointer on the canvas, in flow coordinates (so it lands on the same spot of the automation
 * whatever each user's zoom and pan), and the inspector field they are editing. Pointer moves are
 * throttled; a peer that leaves (or stops answering for 30 s, the awareness timeout) disappears
 * with its pointer and tags.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { DraftUser } from './draft';

/** A point of the canvas in flow coordinates. */
export interface FlowPoint {
	x: number;
	y: number;
}

/** The inspector field a user is editing: the item ("s:<step>", "t:<trigger>", "automation") and the field's path. */
export interface EditingField {
	target: string;
	field: string;
}

/** What other peers see of one peer. */
export interface PeerPresence {
	client: number;
	user: DraftUser;
	selection: string[];
	cursor: FlowPoint | null;
	editing: EditingField | null;
}

/** Pointer updates sent at most this often (ms). */
export const CURSOR_INTERVAL = 50;

function point(v: unknown): FlowPoint | null {
	const o = v as { x?: unknown; y?: unknown } | null;
	return o && typeof o.x === 'number' && typeof o.y === 'number' && Number.isFinite(o.x) && Number.isFinite(o.y) ? { x: o.x, y: o.y } : null;
}

function field(v: unknown): EditingField | null {
	const o = v as { target?: unknown; field?: unknown } | null;
	return o && typeof o.target === 'string' && typeof o.field === 'string' ? { target: o.target, field: o.field } : null;
}

/** Every other peer's presence, by client id order (stable). */
export function peersOf(awareness: Awareness): PeerPresence[] {
	const out: PeerPresence[] = [];
	for (const [client, st] of awareness.getStates()) {
		if (client === awareness.clientID || !st?.user) continue;
		out.push({
			client,
			user: st.user as DraftUser,
			selection: Array.isArray(st.selection) ? st.selection.filter((x: unknown): x is string => typeof x === 'string') : [],
			cursor: point(st.cursor),
			editing: field(st.editing)
		});
	}
	return out.sort((a, b) => a.client - b.client);
}

/** Publishes the field this user edits (null: none). */
export function setEditing(awareness: Awareness, editing: EditingField | null): void {
	const cur = field(awareness.getLocalState()?.editing);
	if (cur?.target === editing?.target && cur?.field === editing?.field) return;
	if (awareness.getLocalState() !== null) awareness.setLocalStateField('editing', editing);
}

/**
 * Publishes this user's pointer, at most every `interval` ms (the last position of a burst is
 * always sent); `null` (the pointer left the canvas) is sent at once.
 */
export class CursorPublisher {
	private last = 0;
	private pending: FlowPoint | null = null;
	private timer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		private awareness: Awareness,
		private interval = CURSOR_INTERVAL,
		private now: () => number = () => Date.now()
	) {}

	move(p: FlowPoint | null): void {
		if (p === null) {
			this.cancel();
			this.send(null);
			return;
		}
		const q = { x: Math.round(p.x), y: Math.round(p.y) };
		const wait = this.last + this.interval - this.now();
		if (wait <= 0 && !this.timer) {
			this.send(q);
			return;
		}
		this.pending = q;
		this.timer ??= setTimeout(() => {
			this.timer = null;
			if (this.pending) this.send(this.pending);
			this.pending = null;
		}, Math.max(wait, 0));
	}

	private send(p: FlowPoint | null): void {
		this.last = this.now();
		const st = this.awareness.getLocalState();
		if (st === null) return;
		const cur = point(st.cursor);
		if (cur?.x === p?.x && cur?.y === p?.y) return;
		this.awareness.setLocalStateField('cursor', p);
	}

	private cancel(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		this.pending = null;
	}

	/** Stops (the pointer is withdrawn). */
	destroy(): void {
		this.cancel();
		this.send(null);
	}
}
