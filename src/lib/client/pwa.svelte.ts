/**
 * Service worker registration and updates: when a new version has installed and waits, the shell
 * shows "update available"; reloading activates it (never a mix of two versions in one page).
 * Also tracks whether the browser is online.
 */
import { dev } from '$app/environment';

class PwaState {
	updateReady = $state(false);
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	private waiting: ServiceWorker | null = null;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private probes = 0;

	/** Registers the service worker (production builds) and watches for updates. */
	async start(): Promise<void> {
		addEventListener('online', () => void this.probeNow());
		addEventListener('offline', () => {
			this.online = false;
			this.probeLater();
		});
		void this.probeNow();
		if (dev || !('serviceWorker' in navigator)) return;
		const reg = await navigator.serviceWorker.register('/service-worker.js');
		const watch = (w: ServiceWorker | null) => {
			if (!w) return;
			const check = () => {
				// A waiting worker with a controller in place means a new version, not the first install.
				if (w.state === 'installed' && navigator.serviceWorker.controller) {
					this.waiting = w;
					this.updateReady = true;
				}
			};
			check();
			w.addEventListener('statechange', check);
		};
		watch(reg.waiting);
		watch(reg.installing);
		reg.addEventListener('updatefound', () => watch(reg.installing));
		let reloading = false;
		navigator.serviceWorker.addEventListener('controllerchange', () => {
			if (reloading || !this.waiting) return;
			reloading = true;
			location.reload();
		});
		// Look for a new version on each visit.
		void reg.update().catch(() => {});
	}

	/** Probes now, then again later. */
	private async probeNow(): Promise<void> {
		await this.probe();
		this.probeLater();
	}

	/**
	 * Schedules the next probe: often while offline (to notice the return quickly, even when the
	 * probe right after the browser's "online" event still fails), rarely while online. One timer:
	 * going offline replaces a distant online probe with a near one.
	 */
	private probeLater(): void {
		if (this.timer !== null) clearTimeout(this.timer);
		this.timer = setTimeout(() => void this.probeNow(), this.online ? 30_000 : 3_000);
	}

	/**
	 * Checks connectivity with a request the service worker lets through (navigator.onLine alone
	 * can claim "online" on a network that reaches nothing).
	 */
	async probe(): Promise<boolean> {
		// Only the latest probe decides (an older one may answer after it).
		const mine = ++this.probes;
		const result = await this.reachable();
		if (mine === this.probes) this.online = result;
		return result;
	}

	private async reachable(): Promise<boolean> {
		if (!navigator.onLine) return false;
		// Without a service worker (first visit, dev), the browser's flag is all we have.
		if (!navigator.serviceWorker?.controller) return true;
		try {
			const res = await fetch(`/__ping?t=${Date.now()}`, { cache: 'no-store' });
			return res.ok && (await res.text()) === 'online';
		} catch {
			return false;
		}
	}

	/** Activates the waiting version and reloads. */
	applyUpdate(): void {
		if (this.waiting) this.waiting.postMessage({ type: 'SKIP_WAITING' });
		else location.reload();
	}
}

export const pwa = new PwaState();
