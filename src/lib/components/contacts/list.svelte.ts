/**
 * The contacts table's state: the query (search, segment filter, order), the total and the rows
 * fetched so far by index range. Rows come from the worker in pages of 100 as the table scrolls;
 * when the workspace changes, the visible pages are fetched again (old rows stay on screen until
 * the new ones arrive, so nothing flickers).
 */
import { untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import { app } from '$lib/client/app.svelte';
import { backend } from '$lib/client/backend';
import type { ContactListQuery, ContactListRow } from '$lib/worker/contacts/query';

/** Rows per request. */
export const PAGE = 100;

export class ContactList {
	query = $state.raw<ContactListQuery>({ sort: 'created', dir: 'desc' });
	total = $state(0);
	loaded = $state(false);
	/**
	 * Fetched pages of rows by page number. Reactive per page: when a page arrives only its own
	 * rows render again (the rest of the screen is left alone while scrolling).
	 */
	pages = new SvelteMap<number, ContactListRow[]>();
	/** Time the worker took for the last page (ms). */
	ms = $state(0);
	error = $state.raw<string | null>(null);
	/** Order stamp of the latest answer; pages fetched under another stamp are stale. */
	private stamp = '';
	private pageStamp = new Map<number, string>();
	private pending = new Set<string>();
	private visible: [number, number] = [0, 40];
	private generation = 0;

	/** Must be constructed while a component initialises (it follows the workspace version). */
	constructor() {
		$effect(() => {
			void app.version;
			void this.query;
			untrack(() => this.reload());
		});
	}

	/** The row at an index, if its page was fetched. */
	row(i: number): ContactListRow | undefined {
		return this.pages.get(Math.floor(i / PAGE))?.[i % PAGE];
	}

	/** Changes the query. */
	set(q: Partial<ContactListQuery>): void {
		this.query = { ...this.query, ...q };
	}

	/** Tells which indexes are on screen; fetches the pages they need. */
	show(from: number, to: number): void {
		this.visible = [Math.max(0, from), Math.max(from, to)];
		for (const p of this.pagesOnScreen()) this.fetch(p, this.generation, false);
	}

	/** Refetches the visible pages for the current query and data. */
	reload(): void {
		const gen = ++this.generation;
		for (const p of this.pagesOnScreen()) this.fetch(p, gen, true);
	}

	private pagesOnScreen(): number[] {
		const [from, to] = this.visible;
		const out: number[] = [];
		for (let p = Math.floor(from / PAGE); p <= Math.floor(Math.max(from, to - 1) / PAGE); p++) out.push(p);
		return out;
	}

	private fetch(page: number, gen: number, force: boolean): void {
		const key = `${gen}:${page}`;
		if (this.pending.has(key)) return;
		if (!force && this.pageStamp.get(page) === this.stamp) return;
		this.pending.add(key);
		const q = $state.snapshot(this.query) as ContactListQuery;
		backend()
			.contactRows(q, page * PAGE, (page + 1) * PAGE)
			.then((res) => {
				if (gen !== this.generation) return;
				if (res.stamp !== this.stamp) this.stamp = res.stamp;
				this.pageStamp.set(page, res.stamp);
				const last = Math.ceil(res.total / PAGE);
				for (const p of [...this.pages.keys()]) if (p >= last) this.pages.delete(p);
				this.pages.set(page, res.rows);
				this.total = res.total;
				this.ms = res.ms;
				this.loaded = true;
				this.error = null;
				// Other pages on screen may come from an older order: bring them up to date.
				for (const p of this.pagesOnScreen()) this.fetch(p, gen, false);
			})
			.catch((err: unknown) => {
				if (gen === this.generation) this.error = err instanceof Error ? err.message : String(err);
			})
			.finally(() => this.pending.delete(key));
	}
}
