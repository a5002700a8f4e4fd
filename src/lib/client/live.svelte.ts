/** A read model fetched from the backend and refetched whenever the workspace changes. */
import { untrack } from 'svelte';
import { app } from './app.svelte';

export class Live<T> {
	value = $state.raw<T | undefined>(undefined);
	loading = $state(true);
	error = $state.raw<string | null>(null);
	private seq = 0;

	/** Must be constructed while a component initialises (it registers an effect). */
	constructor(private fetcher: () => Promise<T>) {
		$effect(() => {
			void app.version;
			untrack(() => void this.refresh());
		});
	}

	/** Refetches now. */
	async refresh(): Promise<void> {
		const seq = ++this.seq;
		try {
			const v = await this.fetcher();
			if (seq !== this.seq) return;
			this.value = v;
			this.error = null;
		} catch (err) {
			if (seq === this.seq) this.error = err instanceof Error ? err.message : String(err);
		} finally {
			if (seq === this.seq) this.loading = false;
		}
	}
}
