/**
 * The choices of a picker (lists, emails, users, stages of the chosen pipeline, goals of the
 * chosen automation, go-to targets, fields of a type…), from the catalogue and the item. Pure.
 */
import type { FieldType } from '$lib/engine/schema/workspace';
import type { CatalogView, InspectorContext } from './context';
import type { RefKind } from './schema-form';

/** One choice; `group` splits long lists (e.g. standard vs custom fields). */
export interface RefOption {
	value: string;
	label: string;
	hint?: string;
	group?: 'standard' | 'custom' | 'roles' | 'all';
}

/** What the choices may depend on. */
export interface RefQuery {
	ref: RefKind;
	/** The item's definition (for the chosen pipeline / automation, and the item's own id). */
	def?: Record<string, unknown>;
	/** Which key of `def` names the pipeline (stages) or automation (goals). */
	parentKey?: string;
	types?: FieldType[];
	customOnly?: boolean;
	scoring?: 'contact' | 'deal';
	/** Labels of standard fields in the current language. */
	stdLabel?: (source: string, key: string, fallback: string) => string;
	/** Labels of roles/"all" choices and of steps without a label. */
	word?: (key: string) => string;
	/** Title of a step kind. */
	stepTitle?: (kind: string) => string;
}

function fields(cat: CatalogView, source: 'contact' | 'deal' | 'account', q: RefQuery): RefOption[] {
	return cat.fields[source]
		.filter((f) => (!q.types || q.types.includes(f.type)) && (!q.customOnly || !f.standard))
		.map((f) => ({
			value: f.key,
			label: f.standard ? (q.stdLabel?.(source, f.key, f.label) ?? f.label) : f.label,
			hint: f.standard ? undefined : f.type,
			group: f.standard ? 'standard' : 'custom'
		}));
}

/** The choices for a picker. */
export function refOptions(q: RefQuery, ctx: InspectorContext | { catalog: CatalogView; automationId?: string; steps?: InspectorContext['steps'] }): RefOption[] {
	const cat = ctx.catalog;
	const word = q.word ?? ((k: string) => k);
	const named = (xs: { id: string; name: string }[]) => xs.map((x) => ({ value: x.id, label: x.name }));
	const self = (ctx as InspectorContext).automationId;
	switch (q.ref) {
		case 'list':
			return named(cat.lists);
		case 'tag':
			return cat.tags.map((t) => ({ value: t, label: t }));
		case 'email':
			return cat.emails.map((m) => ({ value: m.id, label: m.name, hint: m.subject }));
		case 'form':
			return named(cat.forms);
		case 'conversion':
			return named(cat.conversions);
		case 'account':
			return named(cat.accounts);
		case 'scoring':
			return named(cat.scoring.filter((m) => !q.scoring || m.target === q.scoring));
		case 'user':
			return cat.users.map((u) => ({ value: u.id, label: u.name, hint: u.email }));
		case 'assignee':
			return [
				{ value: 'deal_owner', label: word('dealOwner'), group: 'roles' },
				{ value: 'account_owner', label: word('accountOwner'), group: 'roles' },
				...cat.users.map((u) => ({ value: u.id, label: u.name, hint: u.email }))
			];
		case 'pipeline':
			return named(cat.pipelines);
		case 'stage': {
			const p = cat.pipelines.find((x) => x.id === q.def?.[q.parentKey ?? 'pipeline']);
			return p ? named(p.stages) : [];
		}
		case 'automation':
			return named(cat.automations.filter((a) => a.id !== self));
		case 'automationOrAll':
			return [{ value: '*', label: word('allOtherAutomations'), group: 'all' }, ...named(cat.automations.filter((a) => a.id !== self))];
		case 'goal': {
			const a = cat.automations.find((x) => x.id === q.def?.[q.parentKey ?? 'automation']);
			return a ? a.goals.map((g) => ({ value: g.id, label: g.label || g.id })) : [];
		}
		case 'step': {
			const me = q.def?.id;
			return (('steps' in ctx && ctx.steps) || [])
				.filter((s) => s.id !== me)
				.map((s) => ({ value: s.id, label: s.label || q.stepTitle?.(s.kind) || s.kind, hint: s.label ? q.stepTitle?.(s.kind) : s.id }));
		}
		case 'contactField':
			return fields(cat, 'contact', q);
		case 'dealField':
			return fields(cat, 'deal', q);
		case 'accountField':
			return fields(cat, 'account', q);
	}
}

/** Which key of the item holds the parent a picker depends on (pipeline for stages, automation for goals). */
export function parentKeyOf(ref: RefKind): string | undefined {
	return ref === 'stage' ? 'pipeline' : ref === 'goal' ? 'automation' : undefined;
}
