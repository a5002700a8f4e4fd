/**
 * Progress of reading a CSV file, as posted by the
 * worker on the workspace's contacts channel. One instance per page that shows it.
 */
import { app } from '$lib/client/app.svelte';
import type { ContactsProgress } from '$lib/worker/contacts/progress';
import { contactsChannelName } from '$lib/worker/contacts/progress';

export class TaskProgress {
	current = $state.raw<ContactsProgress | null>(null);

	/** Must be constructed while a component initialises. */
	constructor(task: string) {
		$effect(() => {
			const ws = app.session?.entry.id;
			if (!ws) return;
			const ch = new BroadcastChannel(contactsChannelName(ws));
			ch.onmessage = (ev) => {
				const m = ev.data as ContactsProgress;
				if (m?.type !== 'contacts-progress' || m.task !== task) return;
				this.current = m.phase === 'done' ? null : m;
			};
			return () => ch.close();
		});
	}

	/** Percent done of the current phase (0–100), or null when nothing runs. */
	get percent(): number | null {
		const c = this.current;
		return c ? Math.min(100, Math.round((c.done / Math.max(1, c.total)) * 100)) : null;
	}
}
