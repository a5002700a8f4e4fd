/**
 * Which contacts the bulk actions apply to: contacts ticked one by one, or every contact matching
 * the table's search and filter ("all N").
 */
import type { ContactListQuery } from '$lib/worker/contacts/query';
import type { ContactTarget } from '$lib/worker/contacts/target';

export class Selection {
	ids = $state.raw<ReadonlySet<string>>(new Set());
	/** Every contact matching the current query. */
	all = $state(false);

	/** How many contacts are selected, given the number matching the query. */
	count(total: number): number {
		return this.all ? total : this.ids.size;
	}

	has(id: string): boolean {
		return this.all || this.ids.has(id);
	}

	toggle(id: string): void {
		if (this.all) return;
		const next = new Set(this.ids);
		if (next.has(id)) next.delete(id);
		else next.add(id);
		this.ids = next;
	}

	/** Selects (or clears) every contact matching the query. */
	setAll(on: boolean): void {
		this.all = on;
		this.ids = new Set();
	}

	clear(): void {
		this.setAll(false);
	}

	/** The target of an action. */
	target(query: ContactListQuery): ContactTarget {
		return this.all ? { query: $state.snapshot(query) as ContactListQuery } : { ids: [...this.ids] };
	}
}
