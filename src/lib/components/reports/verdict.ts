/** The plain-language verdict of an A/B comparison, in the interface language. */
import { get } from 'svelte/store';
import { _ } from 'svelte-i18n';
import type { Comparison, Metric, VariantTest } from '$lib/reports';
import { pct, pValue } from './fmt';

/** The display name of a variant (email variants "A · Welcome", split paths by label). */
export function variantName(test: VariantTest, key: string | null): string {
	const v = test.variants.find((x) => x.key === key);
	if (!v) return '';
	return test.kind === 'email' ? get(_)('reports.tests.variant', { values: { label: v.label } }) : v.label;
}

/** One or two sentences saying what the numbers mean. */
export function verdictText(test: VariantTest, metric: Metric, c: Comparison, locale: string): string {
	const t = get(_);
	const values = {
		metric: t(`reports.metricsInline.${metric}`),
		leader: variantName(test, c.leader),
		runnerUp: variantName(test, c.runnerUp),
		leaderRate: pct(c.leaderRate, locale),
		runnerUpRate: pct(c.runnerUpRate, locale),
		p: pValue(c.p, locale),
		confidence: pct(Math.min(c.confidence, 0.999), locale)
	};
	return t(`reports.verdict.${c.verdict}`, { values });
}
