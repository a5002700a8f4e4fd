/**
 * Plain-language rendering of a condition tree: "Contact has tag “vip” AND (opened “Welcome”
 * at least 2 times in the last 7 days OR …)". Words come from the dictionary through `t` (keys
 * under "conditions.say."), names from the catalogue. Pure.
 */
import type { Condition, LeafCondition } from '$lib/engine/schema/conditions';
import type { CatalogView } from '$lib/worker/handlers/catalog';
import { isGroup } from './families';
import { parts } from './tree';

/** Formats a dictionary message: key (under "conditions.say.") and values. */
export type Say = (key: string, values?: Record<string, string | number>) => string;

type Duration = { weeks?: number; days?: number; hours?: number; minutes?: number; seconds?: number };

/** Renders a whole tree, starting with the subject ("Contact …"). Empty trees say so. */
export function describeCondition(c: Condition | undefined, cat: CatalogView, say: Say): string {
	if (!c || (isGroup(c) && parts(c).children.length === 0)) return say('empty');
	const rest = describeNode(c, cat, say, true);
	// "It is Monday…" reads badly after "Contact": a tree opening on a time condition has no subject.
	if (firstLeaf(c)?.kind === 'time') return rest.charAt(0).toUpperCase() + rest.slice(1);
	return say('subject', { rest });
}

function firstLeaf(c: Condition): LeafCondition | undefined {
	if (!isGroup(c)) return c;
	const first = parts(c).children[0];
	return first ? firstLeaf(first) : undefined;
}

/** Renders a node; nested groups are parenthesized. */
export function describeNode(c: Condition, cat: CatalogView, say: Say, top = false): string {
	if (!isGroup(c)) return describeLeaf(c, cat, say);
	const { op, children } = parts(c);
	if (children.length === 0) return say('nothing');
	const text = children.map((x) => describeNode(x, cat, say)).join(` ${say(op === 'all' ? 'and' : 'or')} `);
	return top || children.length === 1 ? text : `(${text})`;
}

const q = (say: Say, v: unknown) => say('quoted', { v: Array.isArray(v) ? v.join(', ') : String(v ?? '') });

function fieldLabel(cat: CatalogView, source: 'contact' | 'deal' | 'account', key: string): string {
	return cat.fields[source].find((f) => f.key === key)?.label ?? key;
}

/** "equal to “x”", "within the next 7 days", "empty"… */
function fieldOp(say: Say, op: string, value: unknown, days: number | undefined): string {
	if (op === 'empty' || op === 'not_empty') return say(`op.${op}`);
	if (op === 'within_last' || op === 'within_next') return say(`op.${op}`, { n: days ?? Number(value ?? 0) });
	return say(`op.${op}`, { v: dateOperand(say, value) ?? q(say, value) });
}

/** "today", "3 days from today"… for relative date operands. */
function dateOperand(say: Say, v: unknown): string | null {
	if (typeof v !== 'string') return null;
	const m = /^today(?:\s*([+-])\s*(\d+))?$/.exec(v.trim());
	if (!m) return null;
	return m[1] ? say(m[1] === '+' ? 'todayPlus' : 'todayMinus', { n: Number(m[2]) }) : say('today');
}

/** "2 weeks 3 days". */
export function durationText(say: Say, d: Duration | undefined): string {
	if (!d) return '';
	const bits = (['weeks', 'days', 'hours', 'minutes', 'seconds'] as const).filter((u) => (d[u] ?? 0) > 0).map((u) => say(`unit.${u}`, { n: d[u]! }));
	return bits.join(' ') || say('unit.minutes', { n: 0 });
}

/** " at least 2 times in the last 7 days" (leading space, or empty). */
function countWithin(say: Say, l: { count?: { op: string; value: number }; within?: Duration }): string {
	let s = '';
	if (l.count && !(l.count.op === 'gte' && l.count.value === 1)) s += ' ' + say(`count.${l.count.op}`, { n: l.count.value });
	if (l.within) s += ' ' + say('within', { d: durationText(say, l.within) });
	return s;
}

/** One leaf as a predicate of the contact. */
export function describeLeaf(l: LeafCondition, cat: CatalogView, say: Say): string {
	switch (l.kind) {
		case 'tag':
			return say(`tag.${l.op}`, { tag: q(say, l.tag) });
		case 'field':
			return say('field', { field: fieldLabel(cat, 'contact', l.field), op: fieldOp(say, l.op, l.value, l.days) });
		case 'account':
			return say('account', { field: fieldLabel(cat, 'account', l.field), op: fieldOp(say, l.op, l.value, l.days) });
		case 'list':
			return say(`list.${l.op}`, { list: q(say, cat.lists.find((x) => x.id === l.list)?.name ?? l.list), status: say(`status.${l.status}`) });
		case 'score':
			return say('score', { model: cat.scoring.find((m) => m.id === l.model)?.name ?? l.model, op: say(`cmp.${l.op}`, { n: l.value }) });
		case 'action': {
			const target =
				l.action === 'submitted_form'
					? l.form
						? q(say, cat.forms.find((f) => f.id === l.form)?.name ?? l.form)
						: say('anyForm')
					: l.action === 'sms_replied'
						? ''
						: l.email
							? q(say, cat.emails.find((m) => m.id === l.email)?.name ?? l.email)
							: say('anyEmail');
			const link = l.action === 'clicked' && l.link ? ' ' + say('link', { link: q(say, l.link) }) : '';
			return say(`${l.op === 'has' ? 'verb' : 'verbNot'}.${l.action}`, { target }).trim() + link + countWithin(say, l);
		}
		case 'automation': {
			const a = cat.automations.find((x) => x.id === l.automation);
			const goal = l.goal ? a?.goals.find((g) => g.id === l.goal)?.label || l.goal : '';
			return say(`automation.${l.op}`, { automation: q(say, a?.name ?? l.automation), goal: goal ? say('goalNamed', { name: q(say, goal) }) : say('anyGoal') });
		}
		case 'site':
			return say(`site.${l.op}`, { url: q(say, l.url) }) + countWithin(say, l);
		case 'event': {
			const value = l.value ? ' ' + say('eventValue', { op: fieldOp(say, l.value.op, l.value.value, undefined) }) : '';
			return say(`event.${l.op}`, { name: q(say, l.name) }) + value + countWithin(say, l);
		}
		case 'deal': {
			const p = cat.pipelines.find((x) => x.id === l.pipeline);
			const bits: string[] = [];
			if (l.pipeline) bits.push(say('deal.pipeline', { pipeline: q(say, p?.name ?? l.pipeline) }));
			if (l.stage) bits.push(say('deal.stage', { stage: q(say, p?.stages.find((s) => s.id === l.stage)?.name ?? l.stage) }));
			if (l.status) bits.push(say('deal.status', { status: say(`dealStatus.${l.status}`) }));
			if (l.field) bits.push(say('deal.field', { field: fieldLabel(cat, 'deal', l.field.field), op: fieldOp(say, l.field.op, l.field.value, l.field.days) }));
			return say(`deal.${l.op}`, { rest: bits.join(', ') }).trim();
		}
		case 'conversion':
			return say(`conversion.${l.op}`, { conversion: l.conversion ? q(say, cat.conversions.find((c) => c.id === l.conversion)?.name ?? l.conversion) : say('anyConversion') }) + countWithin(say, l);
		case 'time':
			return say(`time.${l.part}`, { op: timeOp(say, l), zone: !l.zone || l.zone === 'contact' ? say('contactZone') : l.zone });
	}
}

function timeValue(say: Say, part: string, v: unknown): string {
	if (part === 'day_of_week') return say(`weekday.${v}`);
	if (part === 'month') return say(`month.${v}`);
	if (part === 'hour') return say('hour', { h: Number(v) });
	return String(v);
}

function timeOp(say: Say, l: Extract<LeafCondition, { kind: 'time' }>): string {
	if (l.op === 'in') {
		const values = Array.isArray(l.value) ? l.value : [l.value];
		return say('oneOf', { v: values.map((v) => timeValue(say, l.part, v)).join(say('listSep')) });
	}
	return say(`tcmp.${l.op}`, { n: timeValue(say, l.part, l.value) });
}
