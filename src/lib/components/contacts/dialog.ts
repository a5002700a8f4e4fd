/** Shared helpers for the contacts dialogs. */
import type { Translate } from './sentences';

/**
 * Turns an action result's diagnostics into one readable line in the interface language: known
 * codes have their own message (contacts.problem.<code>), others keep the engine's English text.
 */
export function problemText(res: { ok: boolean; diagnostics?: { code: string; message: string; help?: string }[] }, t: Translate): string | null {
	if (res.ok || !res.diagnostics?.length) return null;
	return res.diagnostics.map((d) => t(`contacts.problem.${d.code}`, { default: d.help ? `${d.message} ${d.help}` : d.message })).join(' ');
}

/** Downloads text as a file (CSV gets a byte-order mark so spreadsheets read UTF-8). */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
	const url = URL.createObjectURL(new Blob([type.startsWith('text/csv') ? '\ufeff' + text : text], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.appendChild(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 2000);
}

/** A file-name friendly slug. */
export function fileSlug(s: string): string {
	return (
		s
			.toLowerCase()
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '') || 'contacts'
	);
}
