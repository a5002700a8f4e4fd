/**
 * The one boundary between the page and the backend worker: every method takes and returns plain,
 * structured-cloneable values. The page reaches it through Comlink (`src/lib/client`); a follower
 * tab's worker forwards the workspace calls to the leader tab's worker.
 */
import type { TemplateLocale } from '../templates/demo';
import type { WorkspaceEntry } from '../db/registry';
import type { Diagnostic } from '../engine/diagnostics';
import type { ClockState } from './clock';
import type { Handlers } from './handlers';
import type { HandlerCtx } from './handlers/context';

export type { Command } from './handlers/core';

/** How to create a workspace. */
export type CreateWorkspaceRequest = {
	name: string;
	kind: 'live' | 'simulation';
	description?: string;
	/** Virtual start of a simulation (default: now). */
	start?: number;
	seed?: number;
} & (
	| { from: 'empty' }
	| { from: 'template'; template: string; /** Number of contacts, for sized templates. */ size?: number; /** Language of the contents (default English). */ locale?: TemplateLocale }
	| { from: 'copy'; source: string }
	| { from: 'file'; file: unknown }
	| { from: 'scenario'; scenario: unknown }
	| { from: 'backup'; backup: unknown }
);

/** Result of creating a workspace. */
export type CreateResult = { ok: true; entry: WorkspaceEntry; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** This tab's role for the open workspace. */
export interface SessionInfo {
	entry: WorkspaceEntry;
	/** "leader": this tab runs the engine; "follower": another tab does, calls are forwarded. */
	role: 'leader' | 'follower';
	tabId: string;
}

/** Storage state shown in settings. */
export interface StorageInfo {
	persisted: boolean | null;
	usage: number | null;
	quota: number | null;
}

/** Workspace methods as the page sees them: the handler's arguments minus its context, async. */
export type WorkspaceApi = {
	[K in keyof Handlers]: Handlers[K] extends (ctx: HandlerCtx, ...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** Registry and session methods (run in this tab's worker). */
export interface RegistryApi {
	listWorkspaces(): Promise<WorkspaceEntry[]>;
	createWorkspace(req: CreateWorkspaceRequest): Promise<CreateResult>;
	renameWorkspace(id: string, name: string): Promise<void>;
	deleteWorkspace(id: string): Promise<void>;
	/** Creates the demo workspace on first start; returns the workspace to open. */
	ensureStarted(locale?: TemplateLocale): Promise<WorkspaceEntry>;
	storage(): Promise<StorageInfo>;
	open(id: string): Promise<SessionInfo>;
	session(): Promise<SessionInfo | null>;
}

/** The backend API: the one typed boundary. */
export type BackendApi = RegistryApi & WorkspaceApi;

/** Name of a workspace method (forwarded from follower tabs to the leader). */
export type WorkspaceMethod = keyof Handlers & string;

/** Messages on a workspace's BroadcastChannel. */
export type ChannelMessage =
	| { type: 'tick'; clock: ClockState; committed: boolean; from: string }
	| { type: 'error'; message: string; code: string; from: string }
	| { type: 'progress'; label: string; done: number; total: number; from: string }
	| { type: 'leader'; tabId: string }
	| { type: 'rpc'; id: string; method: WorkspaceMethod; args: unknown[]; from: string }
	| { type: 'rpc-result'; id: string; ok: boolean; value?: unknown; error?: string; to: string }
	| { type: 'workspaces-changed' };
