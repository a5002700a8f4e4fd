/** What canvas nodes and edges reach through Svelte context: the builder and its palette. */
import { getContext, setContext } from 'svelte';
import type { Anchor } from '$lib/collab/ops';
import type { BuilderState } from './builder.svelte';
import type { CollabUi } from './collab.svelte';

export interface BuilderUi {
	b: BuilderState;
	/** Comments and presence of the open draft. */
	collab: CollabUi;
	/** Opens the palette to insert at `anchor` (null: append), or to add a trigger. */
	openPalette(anchor: Anchor | null, mode?: 'steps' | 'triggers'): void;
}

const KEY = Symbol('builder-ui');

export function setBuilderUi(ui: BuilderUi): void {
	setContext(KEY, ui);
}

export function builderUi(): BuilderUi {
	return getContext<BuilderUi>(KEY);
}
