/** What a workspace handler receives: the leader's runtime of the open workspace. */
import type { WorkspaceRuntime } from '../runtime';

export interface HandlerCtx {
	rt: WorkspaceRuntime;
	/** Wall clock of the platform (for file names, backup dates). */
	wallNow(): number;
}

/** A workspace method: runs in the leader tab; arguments and result are plain values. */
export type Handler = (ctx: HandlerCtx, ...args: never[]) => unknown;
