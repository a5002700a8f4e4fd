/**
 * Progress of reading a CSV file (it streams in chunks), posted on the workspace's
 * contacts channel so that every tab's page can show it, whichever tab runs the engine.
 */
import type { WorkspaceRuntime } from '../runtime';

/** A progress message. `done`/`total` in the task's unit (bytes, rows). */
export interface ContactsProgress {
	type: 'contacts-progress';
	task: string;
	phase: 'read' | 'done';
	done: number;
	total: number;
}

/** Name of the contacts channel of a workspace. */
export function contactsChannelName(workspace: string): string {
	return `journey-studio:contacts:${workspace}`;
}

/** A reporter for one task; messages are throttled to one per 50 ms except the last. */
export function progressReporter(rt: WorkspaceRuntime, task: string): { report(phase: ContactsProgress['phase'], done: number, total: number): void; close(): void } {
	const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(contactsChannelName(rt.entry.id));
	let last = 0;
	return {
		report(phase, done, total) {
			const now = performance.now();
			if (phase !== 'done' && done < total && now - last < 50) return;
			last = now;
			channel?.postMessage({ type: 'contacts-progress', task, phase, done, total } satisfies ContactsProgress);
		},
		close() {
			channel?.close();
		}
	};
}
