/**
 * The one boundary between the page and the backend worker: every method takes and returns plain,
 * structured-cloneable values. The page reaches it through Comlink (`src/lib/client`); a follower
 * tab's worker forwards the workspace calls to the leader tab's worker.
 */
import type { WorkspaceEntry } from '../db/registry';
import type { Diagnostic } from '../engine/diagnostics';
import type { ApplyResult } from '../engine/engine';
import type { Input } from '../engine/inputs';
import type { AutomationDef } from '../engine/schema/automation';
import type { WorkspaceFile } from '../engine/schema/file';
import type { ClockState } from './clock';
import type { DistributiveOmit } from './runtime';
import type {
	AutomationView,
	ContactDetail,
	ContactPage,
	ContactQuery,
	MessagePage,
	MessageQuery,
	StepCountsView,
	WorkspaceSummary
} from './views';

/** An input without its time: the backend stamps it with the current virtual time. */
export type Command = DistributiveOmit<Input, 'at'>;

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
	| { from: 'template'; template: string }
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

/** The backend API. */
export interface BackendApi {
	// Workspaces (registry).
	listWorkspaces(): Promise<WorkspaceEntry[]>;
	createWorkspace(req: CreateWorkspaceRequest): Promise<CreateResult>;
	renameWorkspace(id: string, name: string): Promise<void>;
	deleteWorkspace(id: string): Promise<void>;
	/** Creates the demo workspace on first start; returns the workspace to open. */
	ensureStarted(): Promise<WorkspaceEntry>;
	storage(): Promise<StorageInfo>;

	// The open workspace.
	open(id: string): Promise<SessionInfo>;
	session(): Promise<SessionInfo | null>;
	summary(): Promise<WorkspaceSummary>;
	clock(): Promise<ClockState>;
	play(speed: number, until?: number | null): Promise<void>;
	pause(): Promise<void>;
	stepNext(): Promise<number>;
	advanceBy(ms: number): Promise<void>;
	jumpTo(t: number): Promise<void>;

	apply(command: Command): Promise<ApplyResult>;
	applyMany(commands: Command[]): Promise<ApplyResult[]>;
	/** Schedules commands at later virtual times. */
	schedule(items: { at: number; command: Command }[]): Promise<void>;
	publish(def: AutomationDef): Promise<ApplyResult>;
	validate(def: AutomationDef): Promise<Diagnostic[]>;

	automations(): Promise<AutomationView[]>;
	automation(id: string): Promise<{ def: AutomationDef; status: string; version: number } | null>;
	stepCounts(automationId: string): Promise<StepCountsView>;
	contacts(query: ContactQuery): Promise<ContactPage>;
	contact(id: string): Promise<ContactDetail | null>;
	messages(query: MessageQuery): Promise<MessagePage>;
	/** A participant opens or clicks a message in the simulation inbox. */
	interact(seq: number, action: 'open' | 'click', link?: string): Promise<ApplyResult>;

	exportWorkspace(): Promise<WorkspaceFile>;
	/** Loads a scenario file's script into this simulation workspace (events scheduled at their times). */
	loadScenario(scenario: unknown): Promise<{ ok: boolean; diagnostics: Diagnostic[]; scheduled: number }>;
	/** A full backup (state, runs, trace, messages) as plain data. */
	backup(): Promise<unknown>;
}

/** Method names of the workspace part (forwarded from follower tabs to the leader). */
export const WORKSPACE_METHODS = [
	'summary',
	'clock',
	'play',
	'pause',
	'stepNext',
	'advanceBy',
	'jumpTo',
	'apply',
	'applyMany',
	'schedule',
	'publish',
	'validate',
	'automations',
	'automation',
	'stepCounts',
	'contacts',
	'contact',
	'messages',
	'interact',
	'exportWorkspace',
	'loadScenario',
	'backup'
] as const satisfies readonly (keyof BackendApi)[];
export type WorkspaceMethod = (typeof WORKSPACE_METHODS)[number];

/** Messages on a workspace's BroadcastChannel. */
export type ChannelMessage =
	| { type: 'tick'; clock: ClockState; committed: boolean; from: string }
	| { type: 'error'; message: string; code: string; from: string }
	| { type: 'progress'; label: string; done: number; total: number; from: string }
	| { type: 'leader'; tabId: string }
	| { type: 'rpc'; id: string; method: WorkspaceMethod; args: unknown[]; from: string }
	| { type: 'rpc-result'; id: string; ok: boolean; value?: unknown; error?: string; to: string }
	| { type: 'workspaces-changed' };
