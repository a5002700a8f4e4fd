/**
 * The backend behind the worker API. It manages the registry of workspaces and the open workspace
 * session. Exactly one tab runs a workspace's engine: the one holding the Web Lock
 * "journey-studio:engine:<id>"; other tabs are followers whose calls are forwarded to the leader
 * over a BroadcastChannel. When the leader tab closes its lock is released and a waiting follower
 * takes over at once, loading the last committed state.
 */
import { RegistryDb, type WorkspaceEntry } from '../db/registry';
import { WorkspaceDb } from '../db/workspace';
import { WorkspaceFile } from '../engine/schema/file';
import { zodIssues, pathText } from '../engine/schema/issues';
import { restoreEngine, snapshot } from '../engine/state';
import { TEMPLATES } from '../templates/demo';
import type { InputRow } from '../db/records';
import { Persister } from './persist';
import { sharedVault } from './secrets/vault';
import { byTimeThenSeq, WorkspaceRuntime, type Host, type RuntimeEvent, type ScenarioMeta } from './runtime';
import { parseScenario } from '../format/parse';
import { orderedScript, toInput } from '../format/script';
import { resolveTime } from '../format/time';
import { parseInstant } from '../engine/core/time';
import { backupFromJson, BACKUP_FORMAT, BACKUP_VERSION, type Backup } from './backup';
import type { BackendApi, ChannelMessage, CreateResult, CreateWorkspaceRequest, SessionInfo, StorageInfo, WorkspaceMethod } from './api';
import { handlers } from './handlers';
import type { TemplateLocale } from '../templates/demo';
import type { HandlerCtx } from './handlers/context';
import { backupFromRuntime } from './handlers/core';

/** Browser facilities the backend needs (injectable for tests). */
export interface Platform {
	locks: LockManager | null;
	channel(name: string): BroadcastChannel;
	indexedDB?: IDBFactory;
	IDBKeyRange?: typeof IDBKeyRange;
	wallNow(): number;
	storage: StorageManager | null;
}

const RPC_TIMEOUT_MS = 60_000;

/** The backend of one tab. */
export class Backend {
	private registry: RegistryDb;
	private registryChannel: BroadcastChannel;
	readonly tabId = Math.random().toString(36).slice(2, 10);
	private current: {
		entry: WorkspaceEntry;
		role: 'leader' | 'follower';
		leading: boolean;
		channel: BroadcastChannel;
		runtime: WorkspaceRuntime | null;
		abort: AbortController;
		release: (() => void) | null;
		becameLeader: Promise<void>;
	} | null = null;
	private sessionQueue: Promise<unknown> = Promise.resolve();
	private pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
	private rpcSeq = 0;

	constructor(private platform: Platform) {
		this.registry = new RegistryDb(dbOpts(platform));
		this.registryChannel = platform.channel('journey-studio:registry');
	}

	// ------------------------------------------------------------------ registry

	async listWorkspaces(): Promise<WorkspaceEntry[]> {
		const all = await this.registry.workspaces.toArray();
		return all.sort((a, b) => (a.kind === b.kind ? a.createdAt - b.createdAt : a.kind === 'live' ? -1 : 1));
	}

	/** Opens the first workspace, creating the demo and an empty live workspace (in `locale`) on a first visit. */
	async ensureStarted(locale: TemplateLocale = 'en'): Promise<WorkspaceEntry> {
		const existing = await this.listWorkspaces();
		if (existing.length) return existing.find((w) => w.kind === 'simulation') ?? existing[0];
		const now = this.platform.wallNow();
		const demoStart = startOfDay(now);
		const fr = locale === 'fr';
		const demo = await this.createWorkspace({
			name: fr ? 'Démo : Maison Torréfaction' : 'Demo: Maison Torréfaction',
			kind: 'simulation',
			from: 'template',
			template: 'demo',
			locale,
			start: demoStart,
			seed: 42,
			description: fr ? 'Une boutique d’exemple à explorer : appuyez sur Lecture pour faire tourner ses parcours.' : 'A sample shop to explore: press play to run its journeys.'
		});
		await this.createWorkspace({
			name: fr ? 'Mon espace de travail' : 'My workspace',
			kind: 'live',
			from: 'template',
			template: 'blank',
			locale,
			description: fr ? 'Vos vrais contacts et automatisations. Suit le temps réel.' : 'Your real contacts and automations. Follows real time.'
		});
		if (!demo.ok) throw new Error('Could not create the demo workspace: ' + demo.diagnostics.map((d) => d.message).join('; '));
		return demo.entry;
	}

	async createWorkspace(req: CreateWorkspaceRequest): Promise<CreateResult> {
		const now = this.platform.wallNow();
		const id = `${req.kind === 'live' ? 'live' : 'sim'}-${now.toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
		const entry: WorkspaceEntry = { id, name: req.name, kind: req.kind, createdAt: now, updatedAt: now, origin: originOf(req), description: req.description };
		const start = req.kind === 'live' ? now : (req.start ?? now);
		const seed = req.seed ?? 1;
		const db = new WorkspaceDb(id, dbOpts(this.platform));
		try {
			if (req.from === 'copy' || req.from === 'backup') {
				const backup = req.from === 'copy' ? await this.backupOf(req.source) : backupFromJson(req.backup);
				await writeBackup(db, backup, entry, req.kind);
				await this.registry.workspaces.put(entry);
				this.announceRegistry();
				return { ok: true, entry, diagnostics: [] };
			}
			let file: WorkspaceFile;
			let inputs: InputRow[] = [];
			let scenario: ScenarioMeta | null = null;
			let startAt = start;
			let seedOf = seed;
			if (req.from === 'empty') file = TEMPLATES.blank.build(start, seed).file;
			else if (req.from === 'template') {
				const t = TEMPLATES[req.template];
				if (!t) return fail('template.unknown', `Template "${req.template}" does not exist.`, 'Pick one of the listed templates.');
				const built = t.build(start, seed, req.size, req.locale);
				file = built.file;
				inputs = built.inputs.map((input) => ({ at: input.at, input, source: `template:${t.id}` }));
			} else if (req.from === 'file') {
				const parsed = WorkspaceFile.safeParse(req.file);
				if (!parsed.success) return { ok: false, diagnostics: zodIssues(parsed.error).map((i) => ({ code: 'file.invalid', severity: 'error', message: `${pathText(i.path)}: ${i.message}`, help: 'Fix the file and import it again.', path: i.path })) };
				file = parsed.data;
			} else {
				// A scenario: its workspace, seed and start; its script scheduled; its responders and expectations kept.
				const parsed = parseScenario(req.scenario);
				if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
				const sc = parsed.value;
				file = sc.workspace;
				const scriptStart = parseInstant(sc.start);
				const script = orderedScript(sc);
				inputs = script.map((t) => ({ at: t.at, input: toInput(null, t), source: `scenario:${sc.name}` }));
				const last = script.length ? script[script.length - 1].at : scriptStart;
				scenario = { name: sc.name, description: sc.description, until: resolveTime(sc.until, last), responders: sc.responders, expect: sc.expect };
				startAt = scriptStart;
				seedOf = sc.seed;
				if (req.kind !== 'simulation') return fail('scenario.live', 'A scenario runs in a simulation workspace.', 'Create a simulation from the scenario file.');
			}
			const runtime = new WorkspaceRuntime(entry, db, this.silentHost());
			const diagnostics = await runtime.init(file, { seed: seedOf, start: startAt, inputs, scenario: scenario ?? undefined });
			const errors = diagnostics.filter((d) => d.severity === 'error');
			if (errors.length) {
				db.close();
				await db.delete();
				return { ok: false, diagnostics };
			}
			await this.registry.workspaces.put(entry);
			this.announceRegistry();
			return { ok: true, entry, diagnostics };
		} finally {
			db.close();
		}
	}

	async renameWorkspace(id: string, name: string): Promise<void> {
		await this.registry.workspaces.update(id, { name, updatedAt: this.platform.wallNow() });
		if (this.current?.entry.id === id) this.current.entry = { ...this.current.entry, name };
		this.announceRegistry();
	}

	async deleteWorkspace(id: string): Promise<void> {
		if (this.current?.entry.id === id) {
			const closing = this.sessionQueue.then(() => this.close());
			this.sessionQueue = closing.catch(() => {});
			await closing;
		}
		await this.registry.workspaces.delete(id);
		await new WorkspaceDb(id, dbOpts(this.platform)).delete();
		// Its secrets (connector tokens) go with it.
		await sharedVault(dbOpts(this.platform))
			.removeWorkspace(id)
			.catch(() => {});
		this.announceRegistry();
	}

	async storage(): Promise<StorageInfo> {
		const s = this.platform.storage;
		if (!s) return { persisted: null, usage: null, quota: null };
		const [persisted, est] = await Promise.all([s.persisted?.().catch(() => null) ?? null, s.estimate().catch(() => null)]);
		return { persisted, usage: est?.usage ?? null, quota: est?.quota ?? null };
	}

	private announceRegistry(): void {
		this.registryChannel.postMessage({ type: 'workspaces-changed' } satisfies ChannelMessage);
	}

	// ------------------------------------------------------------------ session & leadership

	/** Opens a workspace in this tab (calls are serialised: a second open waits for the first). */
	open(id: string): Promise<SessionInfo> {
		const next = this.sessionQueue.then(() => this.openNow(id));
		this.sessionQueue = next.catch(() => {});
		return next;
	}

	private async openNow(id: string): Promise<SessionInfo> {
		if (this.current?.entry.id === id) return this.sessionInfo();
		await this.close();
		const entry = await this.registry.workspaces.get(id);
		if (!entry) throw new Error(`Workspace "${id}" does not exist.`);
		const channel = this.platform.channel(`journey-studio:ws:${id}`);
		const abort = new AbortController();
		let markLeader!: () => void;
		const becameLeader = new Promise<void>((r) => (markLeader = r));
		// `leading`: this tab holds the lock and is loading the workspace; calls that other tabs send
		// meanwhile wait for it to lead instead of being dropped.
		const cur = { entry, role: 'follower' as 'leader' | 'follower', leading: false, channel, runtime: null as WorkspaceRuntime | null, abort, release: null as (() => void) | null, becameLeader };
		this.current = cur;
		channel.onmessage = (ev) => this.onChannel(ev.data as ChannelMessage);
		const locks = this.platform.locks;
		const lockName = `journey-studio:engine:${id}`;
		const lead = async () => {
			if (this.current !== cur) return;
			cur.leading = true;
			const runtime = new WorkspaceRuntime(entry, new WorkspaceDb(id, dbOpts(this.platform)), this.hostFor(cur.channel));
			await runtime.load();
			cur.runtime = runtime;
			cur.role = 'leader';
			runtime.start();
			channel.postMessage({ type: 'leader', tabId: this.tabId } satisfies ChannelMessage);
			this.failPending('The tab running this workspace changed; please try again.');
			markLeader();
		};
		if (!locks) {
			await lead();
			return this.sessionInfo();
		}
		// Try to lead now; if another tab leads, queue for the lock to take over when it goes.
		const got = await new Promise<boolean>((resolve) => {
			void locks
				.request(lockName, { ifAvailable: true }, async (lock) => {
					if (!lock) {
						resolve(false);
						return;
					}
					await lead();
					resolve(true);
					await new Promise<void>((release) => (cur.release = release));
				})
				.catch(() => resolve(false));
		});
		if (!got) {
			void locks
				.request(lockName, { signal: abort.signal }, async () => {
					await lead();
					await new Promise<void>((release) => (cur.release = release));
				})
				.catch(() => {});
		}
		return this.sessionInfo();
	}

	async session(): Promise<SessionInfo | null> {
		return this.current ? this.sessionInfo() : null;
	}

	private sessionInfo(): SessionInfo {
		const c = this.current!;
		return { entry: c.entry, role: c.role, tabId: this.tabId };
	}

	/** Closes the open workspace: stops and commits the runtime, releases the lock. */
	async close(): Promise<void> {
		const c = this.current;
		if (!c) return;
		this.current = null;
		c.abort.abort();
		if (c.runtime) {
			await c.runtime.stop();
			c.runtime.db.close();
		}
		c.release?.();
		c.channel.close();
		this.failPending('The workspace was closed.');
	}

	private hostFor(channel: BroadcastChannel): Host {
		return {
			wallNow: () => this.platform.wallNow(),
			setTimeout: (fn, ms) => setTimeout(fn, ms),
			clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
			notify: (ev: RuntimeEvent) => channel.postMessage({ ...ev, from: this.tabId } as ChannelMessage)
		};
	}

	private silentHost(): Host {
		return { wallNow: () => this.platform.wallNow(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>), notify: () => {} };
	}

	private onChannel(msg: ChannelMessage): void {
		const c = this.current;
		if (!c) return;
		if (msg.type === 'rpc' && (c.role === 'leader' || c.leading)) {
			void c.becameLeader.then(() => this.local(msg.method, msg.args)).then(
				(value) => c.channel.postMessage({ type: 'rpc-result', id: msg.id, ok: true, value, to: msg.from } satisfies ChannelMessage),
				(err: unknown) => c.channel.postMessage({ type: 'rpc-result', id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err), to: msg.from } satisfies ChannelMessage)
			);
		} else if (msg.type === 'rpc-result' && msg.to === this.tabId) {
			const p = this.pending.get(msg.id);
			if (!p) return;
			this.pending.delete(msg.id);
			clearTimeout(p.timer);
			if (msg.ok) p.resolve(msg.value);
			else p.reject(new Error(msg.error));
		}
	}

	private failPending(reason: string): void {
		for (const [id, p] of this.pending) {
			clearTimeout(p.timer);
			p.reject(new Error(reason));
			this.pending.delete(id);
		}
	}

	/** Runs a workspace method here (leader) or on the leader tab (follower). */
	private async call<T>(method: WorkspaceMethod, args: unknown[]): Promise<T> {
		const c = this.current;
		if (!c) throw new Error('No workspace is open.');
		if (c.role === 'leader') return (await this.local(method, args)) as T;
		const id = `${this.tabId}:${++this.rpcSeq}`;
		return new Promise<T>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.pending.delete(id);
				reject(new Error('The tab running this workspace did not answer.'));
			}, RPC_TIMEOUT_MS);
			this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
			c.channel.postMessage({ type: 'rpc', id, method, args, from: this.tabId } satisfies ChannelMessage);
		});
	}

	/** The leader-side implementation of workspace methods. */
	private async local(method: WorkspaceMethod, args: unknown[]): Promise<unknown> {
		const h = (handlers as Record<string, (ctx: HandlerCtx, ...a: unknown[]) => unknown>)[method];
		if (!h) throw new Error(`Unknown method ${method}`);
		const rt = this.current?.runtime;
		if (!rt) throw new Error('The workspace is not loaded in this tab.');
		return h({ rt, wallNow: () => this.platform.wallNow() }, ...args);
	}

	/** A backup of any workspace: from the runtime when it runs here, else from its database. */
	private async backupOf(id: string): Promise<Backup> {
		if (this.current?.entry.id === id && this.current.runtime) return backupFromRuntime(this.current.runtime, this.platform.wallNow());
		const entry = await this.registry.workspaces.get(id);
		if (!entry) throw new Error(`Workspace "${id}" does not exist.`);
		const db = new WorkspaceDb(id, dbOpts(this.platform));
		try {
			const loaded = await new Persister(db).load();
			if (!loaded) throw new Error(`Workspace "${entry.name}" is empty.`);
			const inputs = loaded.inputs;
			const clock = loaded.meta.get('clock') as Backup['clock'];
			return { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: this.platform.wallNow(), entry, clock, engine: snapshot(loaded.engine), messages: loaded.messages, inputs };
		} finally {
			db.close();
		}
	}

	/** The object exposed to the page: registry methods here, workspace methods via `call`. */
	api(): BackendApi {
		const api: Record<string, unknown> = {};
		for (const m of ['listWorkspaces', 'createWorkspace', 'renameWorkspace', 'deleteWorkspace', 'ensureStarted', 'storage', 'open', 'session'] as const)
			api[m] = (this[m] as (...a: unknown[]) => unknown).bind(this);
		for (const m of Object.keys(handlers)) api[m] = (...args: unknown[]) => this.call(m as WorkspaceMethod, args);
		return api as unknown as BackendApi;
	}
}

/** Writes a backup into an empty workspace database (copy or restore). */
async function writeBackup(db: WorkspaceDb, b: Backup, entry: WorkspaceEntry, kind: 'live' | 'simulation'): Promise<void> {
	const engine = restoreEngine(b.engine);
	const runtime = new WorkspaceRuntime(entry, db, { wallNow: () => Date.now(), setTimeout: () => 0, clearTimeout: () => {}, notify: () => {} });
	runtime.engine = engine;
	// A copy of a live workspace becomes a simulation: its messages stay as they were; new ones go to the inbox.
	runtime.messages = b.messages.map((m) => ({ ...m }));
	runtime.clock = kind === 'simulation' ? { kind: 'simulation', now: engine.now, playing: false, speed: 86_400, until: null } : b.clock;
	// Pending inputs in their order, numbered anew; derived reactions are never stored (the
	// runtime that opens the copy derives them again from the messages).
	const pending = b.inputs.filter((r) => r.rank === undefined).sort(byTimeThenSeq);
	if (pending.length) await runtime.storeInputs(pending);
	for (const m of runtime.messages) runtime.touchMessage(m);
	engine.world.dirtyContacts.take();
	for (let i = 0; i < engine.world.contacts.length; i++) engine.world.dirtyContacts.add(i);
	for (let r = 0; r < engine.runs.size; r += 1024) engine.runs.touch(r);
	for (const id of engine.world.deals.keys()) engine.world.dirtyDeals.add(id);
	for (const id of engine.world.accounts.keys()) engine.world.dirtyAccounts.add(id);
	await runtime.commit(true);
}

function originOf(req: CreateWorkspaceRequest): string {
	switch (req.from) {
		case 'template':
			return `template:${req.template}`;
		case 'copy':
			return `copy:${req.source}`;
		default:
			return req.from;
	}
}

function fail(code: string, message: string, help: string): CreateResult {
	return { ok: false, diagnostics: [{ code, severity: 'error', message, help }] };
}

function dbOpts(p: Platform): { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } | undefined {
	return p.indexedDB ? { indexedDB: p.indexedDB, IDBKeyRange: p.IDBKeyRange } : undefined;
}

/** Midnight UTC of the day of `t` (simulations start on a clean day). */
function startOfDay(t: number): number {
	return Math.floor(t / 86_400_000) * 86_400_000 + 8 * 3_600_000;
}
