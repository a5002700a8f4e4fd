/**
 * What recipes are made of: a context over the workspace's catalogue (pick an existing list, date
 * field or scoring model, else declare one to create) and a small email builder. Everything a
 * recipe creates is collected as catalogue additions, applied before the automation is saved.
 */
import type { AutomationDef } from '../../engine/schema/automation';
import type { CatalogAdditions } from '../../engine/inputs';
import type { Catalog } from '../../engine/world';
import type { EmailDef, FieldDef, FieldType, ListDef, PipelineDef, ScoringModelDef, UserDef } from '../../engine/schema/workspace';

/** Languages recipes are written in. */
export type RecipeLocale = 'en' | 'fr';

/** A recipe: a working automation built for a workspace. */
export interface Recipe {
	id: string;
	/** Plan tier the recipe's steps need at least (shown in the gallery). */
	needs: 'starter' | 'plus' | 'professional';
	/** Add-ons the recipe's steps need. */
	addons?: ('pipelines' | 'sales_engagement')[];
	text: Record<RecipeLocale, { name: string; description: string }>;
	build(cx: RecipeContext): AutomationDef;
}

/** The workspace as a recipe sees it, collecting what it must create. */
export class RecipeContext {
	readonly additions: Required<Pick<CatalogAdditions, 'lists' | 'fields' | 'emails' | 'tags' | 'scoring' | 'pipelines' | 'users'>> = {
		lists: [],
		fields: [],
		emails: [],
		tags: [],
		scoring: [],
		pipelines: [],
		users: []
	};

	constructor(
		readonly catalog: Catalog,
		readonly locale: RecipeLocale,
		/** The new automation's id (unique in the workspace). */
		readonly automationId: string
	) {}

	/** The text for the current language. */
	t<T>(texts: Record<RecipeLocale, T>): T {
		return texts[this.locale];
	}

	/** The list named like `pattern` if any, else the list `fallback` (created when missing). */
	list(pattern: RegExp | null, fallback: ListDef): string {
		const lists = [...this.catalog.lists.values()];
		const hit = (pattern && lists.find((l) => pattern.test(l.id) || pattern.test(l.name))) ?? this.catalog.lists.get(fallback.id);
		if (hit) return hit.id;
		if (!this.additions.lists.some((l) => l.id === fallback.id)) this.additions.lists.push(fallback);
		return fallback.id;
	}

	/** The workspace's first list (the usual newsletter), else `fallback`. */
	mainList(fallback: ListDef): string {
		const lists = [...this.catalog.lists.values()];
		const hit = lists.find((l) => /news|letter|subscri|abonn/i.test(`${l.id} ${l.name}`)) ?? lists[0];
		return hit ? hit.id : this.list(null, fallback);
	}

	/** A custom field of `type` named like `pattern`, else `fallback` (created when missing). */
	field(pattern: RegExp, type: FieldType | FieldType[], fallback: FieldDef): string {
		const types = Array.isArray(type) ? type : [type];
		const hit = [...this.catalog.fields.values()].find((f) => types.includes(f.type) && (pattern.test(f.key) || pattern.test(f.label)));
		if (hit) return hit.key;
		const existing = this.catalog.fields.get(fallback.key);
		if (existing && types.includes(existing.type)) return existing.key;
		let key = fallback.key;
		for (let n = 2; this.catalog.fields.has(key); n++) key = `${fallback.key}_${n}`;
		if (!this.additions.fields.some((f) => f.key === key)) this.additions.fields.push({ ...fallback, key });
		return key;
	}

	/** A contact scoring model, else `fallback`. */
	scoring(fallback: ScoringModelDef): string {
		const hit = [...this.catalog.scoring.values()].find((m) => (m.target ?? 'contact') === 'contact');
		if (hit) return hit.id;
		if (!this.additions.scoring.some((m) => m.id === fallback.id)) this.additions.scoring.push(fallback);
		return fallback.id;
	}

	/** A pipeline (its id and first stage), else `fallback`. */
	pipeline(fallback: PipelineDef): { id: string; stage: string } {
		const hit = [...this.catalog.pipelines.values()][0];
		if (hit) return { id: hit.id, stage: hit.stages[0].id };
		if (!this.additions.pipelines.some((p) => p.id === fallback.id)) this.additions.pipelines.push(fallback);
		return { id: fallback.id, stage: fallback.stages[0].id };
	}

	/** A team member (the first one), else `fallback` (created). */
	user(fallback: UserDef): string {
		const hit = [...this.catalog.users.keys()][0];
		if (hit) return hit;
		if (!this.additions.users.some((u) => u.id === fallback.id)) this.additions.users.push(fallback);
		return fallback.id;
	}

	/** Declares a tag (so it shows in pickers before anyone has it). */
	tag(name: string): string {
		if (!this.catalog.tags.has(name) && !this.additions.tags.includes(name)) this.additions.tags.push(name);
		return name;
	}

	/** An email of this recipe (id `<automation>-<suffix>`), created with the text of the current language. */
	email(suffix: string, texts: Record<RecipeLocale, { name: string; subject: string; preheader: string; body: string }>): string {
		const id = `${this.automationId}-${suffix}`;
		const x = this.t(texts);
		const email: EmailDef = { id, name: x.name, subject: x.subject, preheader: x.preheader, body: wrap(x.body) };
		if (!this.catalog.emails.has(id)) this.additions.emails.push(email);
		return id;
	}

	/** The catalogue additions, without empty sections. */
	collected(): CatalogAdditions {
		const out: CatalogAdditions = {};
		for (const [k, v] of Object.entries(this.additions)) if (v.length) (out as Record<string, unknown>)[k] = v;
		return out;
	}
}

function wrap(body: string): string {
	return `<div style="font-family: system-ui, sans-serif; line-height: 1.5">${body}</div>`;
}

/** Links steps in list order through `next` unless a step sets its own edges. */
export function chain(steps: Record<string, unknown>[]): AutomationDef['steps'] {
	return steps.map((s, i) =>
		'next' in s || 'yes' in s || 'paths' in s || s.kind === 'goto' || s.kind === 'automation.end_this' || i === steps.length - 1 ? s : { ...s, next: steps[i + 1].id }
	) as AutomationDef['steps'];
}
