/**
 * Automation recipes: real, working automations built for the current workspace (its lists,
 * fields, scoring models and pipelines), creating the emails, lists, fields and tags they need.
 */
import type { AutomationDef } from '../engine/schema/automation';
import type { CatalogAdditions } from '../engine/inputs';
import type { Catalog } from '../engine/world';
import { RecipeContext, type Recipe, type RecipeLocale } from './recipes/kit';
import { welcomeSeries } from './recipes/welcome';
import { abandonedCart } from './recipes/abandoned-cart';
import { birthday } from './recipes/birthday';
import { leadScoringToDeal } from './recipes/lead-scoring';
import { reengagement } from './recipes/reengagement';
import { webinarReminder } from './recipes/webinar';
import { postPurchaseReview } from './recipes/review';

export type { Recipe, RecipeLocale } from './recipes/kit';

/** Every recipe, in gallery order. */
export const RECIPES: readonly Recipe[] = [welcomeSeries, abandonedCart, birthday, leadScoringToDeal, reengagement, webinarReminder, postPurchaseReview];

/** A recipe as the gallery lists it. */
export interface RecipeInfo {
	id: string;
	name: string;
	description: string;
	needs: Recipe['needs'];
	addons: string[];
}

/** The gallery in a language. */
export function recipeInfos(locale: RecipeLocale): RecipeInfo[] {
	return RECIPES.map((r) => ({ id: r.id, ...r.text[locale], needs: r.needs, addons: r.addons ?? [] }));
}

/** Builds a recipe for a workspace: the automation and the catalogue entries to create first. */
export function buildRecipe(id: string, catalog: Catalog, locale: RecipeLocale, automationId: string): { def: AutomationDef; additions: CatalogAdditions } | null {
	const r = RECIPES.find((x) => x.id === id);
	if (!r) return null;
	const cx = new RecipeContext(catalog, locale, automationId);
	const def = r.build(cx);
	return { def, additions: cx.collected() };
}
