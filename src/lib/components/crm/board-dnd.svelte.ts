/**
 * Moving deal cards between stages: pointer drag and drop (HTML5 drag events), and a keyboard
 * alternative (pick a card up with Space/Enter, choose a stage with the arrow keys, drop with
 * Enter, cancel with Escape), every step announced in a live region.
 */

/** What the board needs to know about a stage for moving cards. */
export interface StageRef {
	id: string;
	name: string;
}

/** Texts announced to screen readers (translated by the page). */
export interface MoveTexts {
	picked(title: string, stage: string): string;
	over(title: string, stage: string): string;
	moved(title: string, stage: string): string;
	cancelled(title: string, stage: string): string;
}

export class BoardMoves {
	/** Deal being dragged with the pointer. */
	dragging = $state<string | null>(null);
	/** Stage under the pointer while dragging. */
	dragOver = $state<string | null>(null);
	/** Deal picked up with the keyboard, its origin and the stage it would drop into. */
	picked = $state<{ deal: string; title: string; from: number; target: number } | null>(null);
	/** Latest announcement for the live region. */
	announcement = $state('');

	constructor(
		private stages: () => StageRef[],
		private texts: () => MoveTexts,
		private move: (deal: string, stage: string) => Promise<boolean>
	) {}

	/** The stage id a drop would go to, for highlighting. */
	get target(): string | null {
		if (this.picked) return this.stages()[this.picked.target]?.id ?? null;
		return this.dragOver;
	}

	// ---- pointer

	dragStart(ev: DragEvent, deal: string): void {
		this.dragging = deal;
		if (ev.dataTransfer) {
			ev.dataTransfer.effectAllowed = 'move';
			ev.dataTransfer.setData('text/plain', deal);
		}
	}

	dragEnter(ev: DragEvent, stage: string): void {
		if (!this.dragging) return;
		ev.preventDefault();
		this.dragOver = stage;
	}

	dragOverStage(ev: DragEvent, stage: string): void {
		if (!this.dragging) return;
		ev.preventDefault();
		if (ev.dataTransfer) ev.dataTransfer.dropEffect = 'move';
		this.dragOver = stage;
	}

	async drop(ev: DragEvent, stage: string, title: (deal: string) => string): Promise<void> {
		ev.preventDefault();
		const deal = this.dragging ?? ev.dataTransfer?.getData('text/plain') ?? null;
		this.dragging = null;
		this.dragOver = null;
		if (!deal) return;
		const name = this.stages().find((s) => s.id === stage)?.name ?? stage;
		if (await this.move(deal, stage)) this.announcement = this.texts().moved(title(deal), name);
	}

	dragEnd(): void {
		this.dragging = null;
		this.dragOver = null;
	}

	// ---- keyboard

	/** Handles a key on a card's move handle. Returns true when the key was used. */
	async key(ev: KeyboardEvent, deal: string, title: string, stage: string): Promise<boolean> {
		const stages = this.stages();
		const p = this.picked;
		if (!p || p.deal !== deal) {
			if (ev.key !== ' ' && ev.key !== 'Enter') return false;
			const from = stages.findIndex((s) => s.id === stage);
			this.picked = { deal, title, from, target: from };
			this.announcement = this.texts().picked(title, stages[from]?.name ?? stage);
			return true;
		}
		if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') {
			p.target = Math.min(stages.length - 1, p.target + 1);
			this.announcement = this.texts().over(title, stages[p.target].name);
			return true;
		}
		if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') {
			p.target = Math.max(0, p.target - 1);
			this.announcement = this.texts().over(title, stages[p.target].name);
			return true;
		}
		if (ev.key === 'Escape') {
			this.cancel();
			return true;
		}
		if (ev.key === ' ' || ev.key === 'Enter') {
			this.picked = null;
			const to = stages[p.target];
			if (p.target === p.from || !to) {
				this.announcement = this.texts().cancelled(title, stages[p.from]?.name ?? '');
				return true;
			}
			if (await this.move(deal, to.id)) this.announcement = this.texts().moved(title, to.name);
			return true;
		}
		return false;
	}

	/** Puts a picked-up card back where it was. */
	cancel(): void {
		const p = this.picked;
		if (!p) return;
		this.picked = null;
		this.announcement = this.texts().cancelled(p.title, this.stages()[p.from]?.name ?? '');
	}
}
