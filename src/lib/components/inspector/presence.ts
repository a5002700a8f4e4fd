/**
 * Who else is editing a field, for inspectors embedded in a collaborative editor: the host (the
 * builder's side panel) provides `editors(path)`, and each field row shows a small name tag in the
 * editor's colour. Without a host (reference page, tests), rows show nothing.
 */
import { getContext, setContext } from 'svelte';

export interface FieldPresence {
	/** Other people editing the field at `path` of the item shown. */
	editors(path: string): { name: string; color: string }[];
}

const KEY = Symbol('field-presence');

export function setFieldPresence(p: FieldPresence): void {
	setContext(KEY, p);
}

export function fieldPresence(): FieldPresence | undefined {
	return getContext<FieldPresence | undefined>(KEY);
}
