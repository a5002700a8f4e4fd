/**
 * Files being imported: parsed once (with progress), kept in the worker's memory while the person
 * maps columns and reads the error report, dropped after the commit or when a newer file comes.
 */
import type { WorkspaceRuntime } from '../runtime';
import type { ParsedCsv } from './csv';

export interface ImportSession {
	id: string;
	kind: 'contacts' | 'events';
	name: string;
	parsed: ParsedCsv;
}

const sessions = new WeakMap<WorkspaceRuntime, Map<string, ImportSession>>();
let seq = 0;

/** Keeps a parsed file; at most two per workspace (the oldest goes). */
export function openSession(rt: WorkspaceRuntime, kind: ImportSession['kind'], name: string, parsed: ParsedCsv): ImportSession {
	let map = sessions.get(rt);
	if (!map) sessions.set(rt, (map = new Map()));
	const s: ImportSession = { id: `import-${++seq}`, kind, name, parsed };
	map.set(s.id, s);
	while (map.size > 2) map.delete(map.keys().next().value!);
	return s;
}

/** A kept file (throws when it is gone, e.g. after a reload of the engine's tab). */
export function getSession(rt: WorkspaceRuntime, id: string): ImportSession {
	const s = sessions.get(rt)?.get(id);
	if (!s) throw new Error('This file is no longer loaded (the tab running the workspace changed). Choose the file again.');
	return s;
}

/** Forgets a file. */
export function closeSession(rt: WorkspaceRuntime, id: string): void {
	sessions.get(rt)?.delete(id);
}
