/**
 * Running CRM commands from the pages: sends an engine input (or a CRM handler call) to the
 * worker and returns the user-facing error, if any, instead of throwing.
 */
import { get } from 'svelte/store';
import { _ } from 'svelte-i18n';
import { app } from '$lib/client/app.svelte';
import { backend } from '$lib/client/backend';
import type { Command } from '$lib/worker/api';
import type { Diagnostic } from '$lib/engine/diagnostics';

/** An operation outcome as the backend returns it. */
type Outcome = { ok: true } | { ok: false; diagnostics: Diagnostic[] };

/** The message to show for failed diagnostics, translated when the code is known. */
export function problemText(diagnostics: readonly Diagnostic[]): string {
	const t = get(_);
	const d = diagnostics.find((x) => x.severity === 'error') ?? diagnostics[0];
	if (!d) return '';
	const key = `crm.errors.${d.code.replace(/\./g, '_')}`;
	const text = t(key, { default: '' });
	// The engine's message names the exact record; keep it when there is no translation.
	return text && text !== key ? `${text} (${d.message})` : `${d.message} ${d.help}`.trim();
}

/** Applies an engine input; returns null on success or the problem to show. */
export async function command(cmd: Command): Promise<string | null> {
	return outcome(() => backend().apply(cmd));
}

/** Runs a backend call that returns an outcome; null on success or the problem to show. */
export async function outcome(fn: () => Promise<Outcome>): Promise<string | null> {
	try {
		const res = await fn();
		await app.refresh();
		return res.ok ? null : problemText(res.diagnostics);
	} catch (err) {
		return err instanceof Error ? err.message : String(err);
	}
}
