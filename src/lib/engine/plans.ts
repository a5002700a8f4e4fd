/** Plan profiles: which step kinds a plan tier and its add-ons unlock (the source's tables). */
import type { Addon, PlanDef, PlanTier } from './schema/workspace';

/** Where a step kind is available: from a minimum tier, or with one of some add-ons. */
export type Availability = { from: PlanTier } | { addons: Addon[] };

export const TIERS: PlanTier[] = ['starter', 'plus', 'professional', 'enterprise'];
export const ADDONS: Addon[] = ['pipelines', 'sales_engagement', 'sms', 'transactional_email'];

/** The default profile: everything enabled. */
export const FULL_PLAN: PlanDef = { tier: 'enterprise', addons: [...ADDONS] };

/** Starter's limit on actions per automation. */
export const STARTER_MAX_ACTIONS = 5;

/** Whether the plan includes the availability. */
export function planAllows(plan: PlanDef, a: Availability): boolean {
	if ('from' in a) return TIERS.indexOf(plan.tier) >= TIERS.indexOf(a.from);
	return a.addons.some((x) => plan.addons.includes(x));
}

/** Human text naming what unlocks an availability, e.g. "Professional" or "the SMS add-on". */
export function unlockText(a: Availability): string {
	if ('from' in a) return TIER_NAMES[a.from];
	return a.addons.map((x) => ADDON_NAMES[x]).join(' or ') + (a.addons.length > 1 ? ' add-on' : ' add-on');
}

export const TIER_NAMES: Record<PlanTier, string> = {
	starter: 'Starter',
	plus: 'Plus',
	professional: 'Professional',
	enterprise: 'Enterprise'
};

export const ADDON_NAMES: Record<Addon, string> = {
	pipelines: 'Pipelines',
	sales_engagement: 'Sales engagement',
	sms: 'SMS',
	transactional_email: 'Transactional email'
};
