/// <reference lib="webworker" />
/**
 * The backend worker's entry point: the only `expose`. It owns IndexedDB and the engine; the page
 * talks to it through the one `BackendApi` (see api.ts).
 */
import { expose } from 'comlink';
import { Backend } from './backend';

const backend = new Backend({
	locks: typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null,
	channel: (name) => new BroadcastChannel(name),
	wallNow: () => Date.now(),
	storage: typeof navigator !== 'undefined' && 'storage' in navigator ? navigator.storage : null
});

expose(backend.api());
