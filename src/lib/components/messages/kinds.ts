/** Translation keys for message kinds, channels and codes (svelte-i18n keys cannot contain dots). */
import type { EffectKind } from '$lib/engine/effects';

/** Key of a message kind's label. */
export function kindKey(kind: EffectKind): string {
	return `sending.kinds.${kind.replace('.', '_')}`;
}

/** Key of an error/block code's explanation, or null when the code has none (the raw text is shown). */
export function codeKey(code: string | null | undefined): string | null {
	if (!code) return null;
	if (/^http_\d+$/.test(code)) return 'sending.codes.http';
	return `sending.codes.${code}`;
}
