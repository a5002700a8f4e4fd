/** The editor of each condition family. */
import type { Component } from 'svelte';
import type { Family } from '../families';
import TagLeaf from './TagLeaf.svelte';
import FieldLeaf from './FieldLeaf.svelte';
import ListLeaf from './ListLeaf.svelte';
import ScoreLeaf from './ScoreLeaf.svelte';
import ActionLeaf from './ActionLeaf.svelte';
import SiteLeaf from './SiteLeaf.svelte';
import EventLeaf from './EventLeaf.svelte';
import AutomationLeaf from './AutomationLeaf.svelte';
import DealLeaf from './DealLeaf.svelte';
import AccountLeaf from './AccountLeaf.svelte';
import ConversionLeaf from './ConversionLeaf.svelte';
import TimeLeaf from './TimeLeaf.svelte';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const LEAVES: Record<Family, Component<any>> = {
	tag: TagLeaf,
	field: FieldLeaf,
	list: ListLeaf,
	score: ScoreLeaf,
	action: ActionLeaf,
	site: SiteLeaf,
	event: EventLeaf,
	automation: AutomationLeaf,
	deal: DealLeaf,
	account: AccountLeaf,
	conversion: ConversionLeaf,
	time: TimeLeaf
};
