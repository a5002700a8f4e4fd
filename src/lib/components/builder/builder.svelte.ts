/**
 * The state of one open builder: the draft document (edited directly, undoable per user), the
 * engine's view of the automation (versions, status, live counts), validation of the draft as it
 * changes, the selection, the insertion point of the palette, and the revision being previewed.
 * Every edit goes through `edit()`, which turns an expected refusal into a notice for the user.
 */
import { untrack } from 'svelte';
import { backend } from '$lib/client/backend';
import { app } from '$lib/client/app.svelte';
import { Live } from '$lib/client/live.svelte';
import { DraftDoc, type DraftUser } from '$lib/collab/draft';
import { draftDiffers } from '$lib/collab/compare';
import { localUser } from '$lib/collab/user';
import {
	addTrigger,
	appendStep,
	copySteps,
	deleteSteps,
	EditError,
	firstOpenEnd,
	freshId,
	insertStep,
	nudge,
	outputsOf,
	pasteSteps,
	removeTriggers,
	replaceStep,
	replaceTrigger,
	resetLayout,
	type Anchor,
	type Fragment
} from '$lib/collab/ops';
import type { AutomationDef, StepDef, TriggerDef } from '$lib/engine/schema/automation';
import type { Diagnostic } from '$lib/engine/diagnostics';
import { stepKinds } from '$lib/engine/steps/registry';
import { planAllows, STARTER_MAX_ACTIONS } from '$lib/engine/plans';
import type { BuilderInfo } from '$lib/worker/handlers/builder-views';
import type { CatalogView } from '$lib/worker/handlers/catalog';
import { defaultStep, defaultTrigger } from '$lib/components/inspector/defaults';
import { namesOf, type CatalogNames } from './summary';
import type { StepCountsView } from '$lib/worker/views';
import { parseNodeId, stepNode, triggerNode } from './graph';
import { touchDraft } from './draft-index';
import { RoomLink, isRoomOrigin, type LinkState } from '$lib/collab/websocket';
import { automationDocName, loadShare, type ShareSettings } from '$lib/collab/room';
import { share } from '$lib/components/share/share.svelte';

const CLIPBOARD = 'journey-studio:clipboard';

/** A message for the user about an edit (announced in a live region). */
export interface Notice {
	kind: 'info' | 'error';
	/** i18n key and values. */
	key: string;
	values?: Record<string, unknown>;
}

/** Why a step kind cannot be added now (null: it can). */
export type Refusal = { key: 'builder.palette.locked'; values: { plan: string } } | { key: 'builder.palette.starterLimit'; values: { n: number } } | null;

export class BuilderState {
	draft = $state.raw<DraftDoc | null>(null);
	/** The draft's definition (null until the document is open). */
	def = $state.raw<AutomationDef | null>(null);
	canUndo = $state(false);
	canRedo = $state(false);
	peers = $state.raw<{ client: number; user: DraftUser; selection: string[] }[]>([]);
	diagnostics = $state.raw<Diagnostic[]>([]);
	/** Selected node ids ("s:<step>", "t:<trigger>"). */
	selection = $state.raw<string[]>([]);
	/** Where the palette inserts (null: at the first open end). */
	insertAt = $state.raw<Anchor | null>(null);
	/** A published version shown read-only instead of the draft. */
	preview = $state.raw<{ version: number; def: AutomationDef } | null>(null);
	view = $state<'canvas' | 'outline'>('canvas');
	notice = $state.raw<Notice | null>(null);
	openError = $state.raw<string | null>(null);
	/** Opened from a spectator link: nothing can be edited and nothing is sent. */
	spectator = $state(false);
	/** The connection to the shared workspace's room (null: not shared). */
	link = $state.raw<LinkState | null>(null);
	private room: RoomLink | null = null;
	private roomKey = '';
	readonly info: Live<BuilderInfo | null>;
	readonly counts: Live<StepCountsView | null>;
	/** The workspace's catalogue (pickers, summaries, defaults of new steps). */
	readonly catalog: Live<CatalogView>;
	readonly user: DraftUser;
	private unsubscribe: (() => void) | null = null;
	private validateTimer: ReturnType<typeof setTimeout> | null = null;
	private saveTimer: ReturnType<typeof setTimeout> | null = null;

	/** Must be constructed while a component initialises (read models register effects). */
	constructor(readonly id: string) {
		this.user = localUser();
		this.info = new Live(() => backend().builderInfo(id));
		this.catalog = new Live(() => backend().catalog());
		this.counts = new Live(async () => ((await backend().builderInfo(id))?.version ? backend().stepCounts(id) : null));
		$effect(() => {
			const def = this.def;
			void app.version;
			untrack(() => this.scheduleValidation(def));
		});
		// Sharing started, stopped or changed while the builder is open: follow it.
		$effect(() => {
			const s = share.settings;
			untrack(() => this.draft && this.connectRoom(this.draft, s));
		});
	}

	/** Names of lists, emails, fields… by id. */
	get names(): CatalogNames | null {
		const c = this.catalog.value;
		return c ? namesOf(c) : null;
	}

	/** The definition shown: the revision being previewed, else the draft. */
	get shown(): AutomationDef | null {
		return this.preview?.def ?? this.def;
	}

	get readonly(): boolean {
		return this.preview !== null || this.spectator;
	}

	/** Running version (0: never published). */
	get version(): number {
		return this.info.value?.version ?? 0;
	}

	/** True when the draft differs from the running version. */
	get dirty(): boolean {
		const info = this.info.value;
		return !!(this.def && info && info.version > 0 && draftDiffers(this.def, info.def));
	}

	/** Opens the draft document of this automation in the open workspace. */
	async open(): Promise<void> {
		const ws = app.session?.entry.id;
		if (!ws) return;
		try {
			const shared = loadShare(ws);
			const draft = await DraftDoc.open(
				{ workspace: ws, automation: this.id, user: this.user, connect: shared ? (d) => this.connectRoom(d, shared)?.whenSynced(4000) : undefined },
				async () => (await backend().builderInfo(this.id))?.def ?? null
			);
			if (!draft.def.id) {
				draft.destroy();
				this.openError = 'builder.notFound';
				return;
			}
			this.draft = draft;
			this.unsubscribe = draft.subscribe(() => this.sync());
			// Changes from the room (other machines) are saved like local ones.
			draft.doc.on('update', (_u: Uint8Array, origin: unknown) => {
				if (isRoomOrigin(origin)) this.scheduleSave();
			});
			this.sync();
		} catch (err) {
			this.openError = err instanceof Error ? err.message : String(err);
		}
	}

	/**
	 * Connects the draft to its document in the shared workspace's room (or disconnects it when
	 * `s` is null); spectators connect read-only. Returns the connection.
	 */
	private connectRoom(d: DraftDoc, s: ShareSettings | null): RoomLink | null {
		const key = s ? `${s.server}|${s.room}|${s.mode}` : '';
		if (key === this.roomKey) return this.room;
		this.room?.destroy();
		this.room = null;
		this.roomKey = key;
		this.link = null;
		this.spectator = s?.mode === 'view';
		if (!s) return null;
		const link = new RoomLink(d.doc, { server: s.server, room: automationDocName(s.room, this.id), awareness: d.awareness, readonly: s.mode === 'view' });
		d.attach(link);
		this.room = link;
		this.link = link.state;
		link.subscribe((st) => (this.link = st));
		return link;
	}

	/** Works offline: edits stay here and merge when reconnected. */
	goOffline(): void {
		this.room?.pause();
	}

	/** Reconnects to the room (offline edits merge). */
	goOnline(): void {
		this.room?.reconnect();
	}

	/** Closes the document (leaving the page). */
	close(): void {
		this.room = null;
		this.roomKey = '';
		this.unsubscribe?.();
		if (this.validateTimer) clearTimeout(this.validateTimer);
		// A save still waiting (an edit just made here or received from the room) is done now.
		if (this.saveTimer) {
			clearTimeout(this.saveTimer);
			this.saveTimer = null;
			if (this.def && this.version === 0) void backend().saveDraft(this.def);
		}
		this.draft?.destroy();
		this.draft = null;
	}

	private sync(): void {
		const d = this.draft;
		if (!d) return;
		this.def = d.def;
		this.canUndo = d.canUndo;
		this.canRedo = d.canRedo;
		// Only selections and users: pointer moves (awareness too) must not redraw every card.
		const peers = d.peers();
		if (JSON.stringify(peers) !== JSON.stringify(this.peers)) this.peers = peers;
		// Drop selected nodes that no longer exist (deleted here or by another user).
		const ids = new Set([...d.def.steps.map((s) => stepNode(s.id)), ...d.def.triggers.map((t) => triggerNode(t.id))]);
		if (this.selection.some((s) => !ids.has(s))) this.select(this.selection.filter((s) => ids.has(s)));
	}

	private scheduleValidation(def: AutomationDef | null): void {
		if (this.validateTimer) clearTimeout(this.validateTimer);
		if (!def) return;
		this.validateTimer = setTimeout(async () => {
			const status = this.info.value?.status === 'active' ? 'active' : 'inactive';
			try {
				this.diagnostics = await backend().validate({ ...def, status });
			} catch {
				// The leader may be changing hands; the next change validates again.
			}
		}, 200);
	}

	/** Applies an edit of the draft as this user; refusals become notices. Returns false when refused. */
	edit(fn: (def: AutomationDef) => AutomationDef, opts: { merge?: boolean } = {}): boolean {
		if (!this.draft || this.readonly) return false;
		try {
			const changed = this.draft.edit(fn, opts);
			if (changed) this.afterEdit();
			return true;
		} catch (err) {
			if (err instanceof EditError) {
				this.notice = { kind: 'error', key: `builder.editError.${err.code}` };
				return false;
			}
			throw err;
		}
	}

	private afterEdit(): void {
		const ws = app.session?.entry.id;
		if (ws) touchDraft(ws, this.id);
		this.scheduleSave();
	}

	/** A never-published automation keeps its draft in the workspace too (lists, exports, backups, the room's index). */
	private scheduleSave(): void {
		if (this.version !== 0) return;
		if (this.saveTimer) clearTimeout(this.saveTimer);
		this.saveTimer = setTimeout(() => {
			this.saveTimer = null;
			if (this.def) void backend().saveDraft(this.def);
		}, 800);
	}

	// ------------------------------------------------------------------ selection

	select(ids: string[]): void {
		if (ids.length === this.selection.length && ids.every((x, i) => x === this.selection[i])) return;
		this.selection = ids;
		this.draft?.setSelection(ids);
	}

	/** The single selected step or trigger. */
	get selected(): { type: 'step'; def: StepDef } | { type: 'trigger'; def: TriggerDef } | null {
		if (this.selection.length !== 1 || !this.shown) return null;
		const p = parseNodeId(this.selection[0]);
		if (!p) return null;
		if (p.type === 'step') {
			const def = this.shown.steps.find((s) => s.id === p.ref);
			return def ? { type: 'step', def } : null;
		}
		const def = this.shown.triggers.find((t) => t.id === p.ref);
		return def ? { type: 'trigger', def } : null;
	}

	selectedSteps(): string[] {
		return this.selection.map(parseNodeId).filter((p) => p?.type === 'step').map((p) => p!.ref);
	}

	// ------------------------------------------------------------------ palette rules

	/** Actions counted against Starter's limit. */
	actionCount(): number {
		return this.def?.steps.length ?? 0;
	}

	/** Whether the plan profile lets the user add a step of `kind` now. */
	refusal(kind: string): Refusal {
		const plan = this.info.value?.plan;
		const k = stepKinds.get(kind);
		if (!plan || !k) return null;
		if (!planAllows(plan, k.plans)) return { key: 'builder.palette.locked', values: { plan: 'from' in k.plans ? k.plans.from : k.plans.addons.join('|') } };
		if (plan.tier === 'starter' && this.actionCount() >= STARTER_MAX_ACTIONS) return { key: 'builder.palette.starterLimit', values: { n: STARTER_MAX_ACTIONS } };
		return null;
	}

	// ------------------------------------------------------------------ edits

	private takenIds(def: AutomationDef): Set<string> {
		return new Set([...def.steps.map((s) => s.id), ...def.triggers.map((t) => t.id)]);
	}

	/** Adds a step of `kind` at the insertion point (or the first open end); selects it. */
	async addStep(kind: string): Promise<boolean> {
		const refusal = this.refusal(kind);
		if (refusal) {
			this.notice = { kind: 'error', key: refusal.key, values: refusal.values };
			return false;
		}
		const cat = this.catalog.value ?? (await backend().catalog());
		if (!this.def) return false;
		const step = defaultStep(kind, freshId(kind, this.takenIds(this.def)), cat, { steps: this.def.steps.map((s) => s.id) });
		const at = this.insertAt ?? this.afterSelected();
		const ok = this.edit((d) => (at ? insertStep(d, at, step) : appendStep(d, step)));
		if (ok) {
			this.insertAt = null;
			this.select([stepNode(step.id)]);
			this.notice = { kind: 'info', key: 'builder.notice.added', values: { kind } };
		}
		return ok;
	}

	/** Where the palette adds a step: the chosen "+", else after the selected step, else null (first open end). */
	get target(): Anchor | null {
		return this.insertAt ?? this.afterSelected();
	}

	/** The edge after the single selected step (its first output), if any. */
	private afterSelected(): Anchor | null {
		const sel = this.selectedSteps();
		if (sel.length !== 1 || !this.def) return null;
		const s = this.def.steps.find((x) => x.id === sel[0]);
		const out = s ? outputsOf(s)[0] : undefined;
		return out ? { from: s!.id, key: out.key } : null;
	}

	/** Adds a trigger of `kind`; selects it. */
	async addTrigger(kind: string): Promise<boolean> {
		const cat = this.catalog.value ?? (await backend().catalog());
		if (!this.def) return false;
		const trigger = defaultTrigger(kind, freshId(kind, this.takenIds(this.def)), cat);
		const ok = this.edit((d) => addTrigger(d, trigger));
		if (ok) this.select([triggerNode(trigger.id)]);
		return ok;
	}

	/** Deletes the selected steps (reconnecting) and triggers. */
	deleteSelection(): void {
		const steps = this.selectedSteps();
		const triggers = this.selection.map(parseNodeId).filter((p) => p?.type === 'trigger').map((p) => p!.ref);
		if (!steps.length && !triggers.length) return;
		let removed = 0;
		const ok = this.edit((d) => {
			const res = deleteSteps(d, steps);
			removed = res.removed.length + triggers.length;
			return removeTriggers(res.def, triggers);
		});
		if (ok) {
			this.select([]);
			this.notice = { kind: 'info', key: 'builder.notice.deleted', values: { n: removed } };
		}
	}

	/** Copies the selected steps to the clipboard (shared by the tabs of this browser). */
	copy(): void {
		const steps = this.selectedSteps();
		if (!this.def || !steps.length) return;
		localStorage.setItem(CLIPBOARD, JSON.stringify(copySteps(this.def, steps)));
		this.notice = { kind: 'info', key: 'builder.notice.copied', values: { n: steps.length } };
	}

	/** Pastes copied steps after the selected step (or at the insertion point, or the first open end). */
	paste(): void {
		let frag: Fragment | null = null;
		try {
			frag = JSON.parse(localStorage.getItem(CLIPBOARD) ?? 'null');
		} catch {
			frag = null;
		}
		if (!frag?.steps?.length || !this.def) {
			this.notice = { kind: 'error', key: 'builder.notice.clipboardEmpty' };
			return;
		}
		const def = this.def;
		const at: Anchor | null = this.insertAt ?? this.afterSelected() ?? firstOpenEnd(def);
		if (!at) {
			this.notice = { kind: 'error', key: 'builder.editError.no_open_end' };
			return;
		}
		const anchor = at;
		let ids: string[] = [];
		const ok = this.edit((d) => {
			const res = pasteSteps(d, anchor, frag!, freshId);
			ids = res.ids;
			return res.def;
		});
		if (ok) {
			this.insertAt = null;
			this.select(ids.map(stepNode));
			this.notice = { kind: 'info', key: 'builder.notice.pasted', values: { n: ids.length } };
		}
	}

	/** Replaces a step's settings (from the inspector). */
	updateStep(id: string, def: StepDef, merge = true): void {
		this.edit((d) => replaceStep(d, id, def), { merge });
	}

	/** Replaces a trigger's settings (from the inspector). */
	updateTrigger(id: string, def: TriggerDef, merge = true): void {
		this.edit((d) => replaceTrigger(d, id, def), { merge });
	}

	/** Replaces the automation's own settings (name, description, entry rule) from the inspector. */
	updateAutomation(next: AutomationDef, merge = true): void {
		this.edit((d) => ({ ...d, name: next.name, description: next.description, entry: next.entry, ...(next.start ? { start: next.start } : {}) }), { merge });
	}

	/** Moves steps by offsets from their automatic positions. */
	move(offsets: Record<string, { x: number; y: number }>): void {
		this.edit((d) => nudge(d, offsets));
	}

	resetLayout(): void {
		this.edit((d) => resetLayout(d));
	}

	undo(): void {
		if (this.readonly) return;
		this.draft?.undoLast();
		this.afterEdit();
	}

	redo(): void {
		if (this.readonly) return;
		this.draft?.redoLast();
		this.afterEdit();
	}

	/** Replaces the whole draft by a definition (restoring a revision), as one undoable edit. */
	replaceDraft(def: AutomationDef): void {
		this.edit((d) => ({ ...def, id: d.id, status: 'draft' }));
	}
}
