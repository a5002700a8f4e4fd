/**
 * The page's handle on the backend worker: the only Comlink `wrap`. One worker per tab; it owns
 * IndexedDB and (when this tab leads) the engine.
 */
import { wrap, type Remote } from 'comlink';
import type { BackendApi } from '../worker/api';

let api: Remote<BackendApi> | null = null;

/** The backend API (creates the worker on first use). */
export function backend(): Remote<BackendApi> {
	if (!api) {
		const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'journey-studio-backend' });
		api = wrap<BackendApi>(worker);
	}
	return api;
}
