/**
 * Application state shared by every page: the open workspace session, its clock and summary, the
 * list of workspaces, progress of long work and errors. Updated from the workspace's
 * BroadcastChannel, so every tab (leader or follower) sees changes live.
 */
import { get } from 'svelte/store';
import { locale } from 'svelte-i18n';
import type { WorkspaceEntry } from '../db/registry';
import type { ChannelMessage, SessionInfo } from '../worker/api';
import type { ClockState } from '../worker/clock';
import type { WorkspaceSummary } from '../worker/views';
import { backend } from './backend';

const LAST_KEY = 'journey-studio:last-workspace';

export class AppState {
	ready = $state(false);
	session = $state.raw<SessionInfo | null>(null);
	summary = $state.raw<WorkspaceSummary | null>(null);
	clock = $state.raw<ClockState | null>(null);
	workspaces = $state.raw<WorkspaceEntry[]>([]);
	progress = $state.raw<{ label: string; done: number; total: number } | null>(null);
	error = $state.raw<string | null>(null);
	/** Bumped whenever the workspace changed; read models refetch when it moves. */
	version = $state(0);
	private channel: BroadcastChannel | null = null;
	private registryChannel: BroadcastChannel | null = null;
	private refreshTimer: ReturnType<typeof setTimeout> | null = null;

	/** Starts the app: creates the demo on first start and opens the last workspace. */
	async start(): Promise<void> {
		const api = backend();
		const first = await api.ensureStarted(get(locale)?.startsWith('fr') ? 'fr' : 'en');
		this.workspaces = await api.listWorkspaces();
		const last = localStorage.getItem(LAST_KEY);
		const target = this.workspaces.find((w) => w.id === last) ?? first;
		this.registryChannel = new BroadcastChannel('journey-studio:registry');
		this.registryChannel.onmessage = async () => {
			this.workspaces = await backend().listWorkspaces();
		};
		await this.open(target.id);
		this.ready = true;
	}

	/** Opens a workspace in this tab. */
	async open(id: string): Promise<void> {
		this.channel?.close();
		const api = backend();
		this.session = await api.open(id);
		localStorage.setItem(LAST_KEY, id);
		this.channel = new BroadcastChannel(`journey-studio:ws:${id}`);
		this.channel.onmessage = (ev) => this.onMessage(ev.data as ChannelMessage);
		this.error = null;
		this.progress = null;
		await this.refresh();
	}

	private onMessage(msg: ChannelMessage): void {
		switch (msg.type) {
			case 'tick':
				this.clock = msg.clock;
				if (msg.clock.playing === false || msg.committed) this.progress = null;
				this.scheduleRefresh();
				break;
			case 'progress':
				this.progress = msg.done >= msg.total ? null : { label: msg.label, done: msg.done, total: msg.total };
				break;
			case 'error':
				this.error = msg.message;
				break;
			case 'leader':
				void backend()
					.session()
					.then((s) => (this.session = s));
				this.scheduleRefresh();
				break;
		}
	}

	private scheduleRefresh(): void {
		if (this.refreshTimer) return;
		this.refreshTimer = setTimeout(() => {
			this.refreshTimer = null;
			void this.refresh();
		}, 200);
	}

	/** Refetches the summary and bumps `version`. */
	async refresh(): Promise<void> {
		try {
			const api = backend();
			const [summary, session] = await Promise.all([api.summary(), api.session()]);
			this.summary = summary;
			this.clock = summary.clock;
			this.session = session;
			if (summary.storageError) this.error = summary.storageError;
			this.version++;
		} catch (err) {
			// The leader may be changing hands; the next tick refreshes again.
			this.error = err instanceof Error ? err.message : String(err);
		}
	}

	/** Runs an action, reporting its error in the banner. */
	async run<T>(fn: () => Promise<T>): Promise<T | undefined> {
		try {
			const out = await fn();
			await this.refresh();
			return out;
		} catch (err) {
			this.error = err instanceof Error ? err.message : String(err);
			return undefined;
		}
	}
}

/** The one app state of this tab. */
export const app = new AppState();
