/**
 * A read model refetched when the workspace changes, but at most once per interval: for heavier
 * reads (the facilitator's leaderboard walks the whole trace) while the clock plays.
 */
import { untrack } from 'svelte';
import { app } from '$lib/client/app.svelte';

export class ThrottledLive<T> {
	value = $state.raw<T | undefined>(undefined);
	error = $state.raw<string | null>(null);
	private last = 0;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private running = false;
	private again = false;

	/** Must be constructed while a component initialises. */
	constructor(
		private fetcher: () => Promise<T>,
		private interval = 1500
	) {
		$effect(() => {
			void app.version;
			untrack(() => this.request());
			return () => {
				if (this.timer) clearTimeout(this.timer);
				this.timer = null;
			};
		});
	}

	/** Asks for a refetch now (or as soon as the interval allows). */
	request(): void {
		if (this.timer) return;
		const wait = Math.max(0, this.last + this.interval - Date.now());
		this.timer = setTimeout(() => {
			this.timer = null;
			void this.run();
		}, wait);
	}

	/** Refetches immediately. */
	async refresh(): Promise<void> {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		await this.run();
	}

	private async run(): Promise<void> {
		if (this.running) {
			this.again = true;
			return;
		}
		this.running = true;
		this.last = Date.now();
		try {
			this.value = await this.fetcher();
			this.error = null;
		} catch (err) {
			this.error = err instanceof Error ? err.message : String(err);
		} finally {
			this.running = false;
			if (this.again) {
				this.again = false;
				this.request();
			}
		}
	}
}
