/**
 * The contact page's read model: the contact with its typed fields, lists, tags, scores, notes,
 * deals and account (read from the engine), its activity, its messages, and every automation it
 * went through with the path it took and the engine's trace.
 */
import type { Engine } from '../../engine/engine';
import type { MessageRecord } from '../../db/records';
import type { FieldDef } from '../../engine/schema/workspace';
import { contactDetailOf, type ContactDetail, type TraceLine } from '../views';

/** A step on a contact's path: its label (null: unlabelled, the page words its kind) and kind. */
export interface PathStep {
	step: string;
	label: string | null;
	title: string;
	kind: string;
}

export interface ContactPageView {
	contact: ContactDetail['contact'];
	fields: FieldDef[];
	lists: { id: string; name: string; status: string | null }[];
	scores: { id: string; name: string; value: number }[];
	account: { id: string; name: string; owner: string | null; fields: { label: string; value: string }[] } | null;
	deals: { id: string; title: string; pipeline: string; stage: string; status: string; value: number; currency: string; owner: string | null }[];
	runs: (ContactDetail['runs'][number] & { path: PathStep[]; stepTitle: string | null; stepKind: string | null })[];
	trace: TraceLine[];
	messages: { seq: number; kind: string; at: number; subject: string; email: string | null; status: string; automation: string; openedAt: number | null; clickedAt: number | null }[];
	/** Names of what activities refer to. */
	names: { emails: Record<string, string>; forms: Record<string, string>; conversions: Record<string, string> };
}

/** Everything the contact page shows (null when the contact does not exist). */
export function contactPageOf(e: Engine, id: string, messages: MessageRecord[]): ContactPageView | null {
	const d = contactDetailOf(e, id, messages);
	if (!d) return null;
	const cat = e.world.catalog;
	const c = d.contact;
	const userName = (u: string | null) => (u ? (cat.users.get(u)?.name ?? u) : null);
	const acc = c.account ? e.world.accounts.get(c.account) : undefined;
	const paths = new Map<number, PathStep[]>();
	for (const t of d.trace) {
		if (t.run < 0 || !t.step) continue;
		const p = paths.get(t.run) ?? [];
		paths.set(t.run, p);
		if (p[p.length - 1]?.step !== t.step) p.push({ step: t.step, label: t.stepLabel, title: t.stepTitle ?? t.step, kind: t.stepKind ?? '' });
	}
	return {
		contact: c,
		fields: [...cat.fields.values()],
		lists: [...cat.lists.values()].map((l) => ({ id: l.id, name: l.name, status: c.lists[l.id] ?? null })),
		scores: [...cat.scoring.values()].filter((m) => m.target !== 'deal').map((m) => ({ id: m.id, name: m.name, value: c.scores[m.id] ?? 0 })),
		account: acc
			? {
					id: acc.id,
					name: acc.name,
					owner: userName(acc.owner),
					fields: Object.entries(acc.fields).map(([k, v]) => ({ label: cat.accountFields.get(k)?.label ?? k, value: Array.isArray(v) ? v.join(', ') : String(v ?? '') }))
				}
			: null,
		deals: e.world.contactDeals(e.world.contact(id)!).map((x) => {
			const p = cat.pipelines.get(x.pipeline);
			return { id: x.id, title: x.title, pipeline: p?.name ?? x.pipeline, stage: p?.stages.find((s) => s.id === x.stage)?.name ?? x.stage, status: x.status, value: x.value, currency: x.currency, owner: userName(x.owner) };
		}),
		runs: d.runs.map((r) => {
			const slot = e.slots.get(r.automation);
			const st = r.step ? slot?.def.steps.find((s) => s.id === r.step) : undefined;
			return { ...r, name: slot?.def.name ?? r.name, path: paths.get(r.run) ?? [], stepTitle: st ? (st.label ?? null) : null, stepKind: st ? st.kind : null };
		}),
		trace: d.trace,
		messages: d.messages.map((m) => {
			const p = m.payload as { subject?: string; email?: string; body?: string };
			return {
				seq: m.seq,
				kind: m.kind,
				at: m.at,
				subject: String(p.subject ?? (typeof p.body === 'string' ? p.body.slice(0, 80) : '')),
				email: p.email ?? null,
				status: m.status,
				automation: e.slots.get(m.automation)?.def.name ?? m.automation,
				openedAt: m.openedAt,
				clickedAt: m.clickedAt
			};
		}),
		names: {
			emails: Object.fromEntries([...cat.emails.values()].map((x) => [x.id, x.name])),
			forms: Object.fromEntries([...cat.forms.values()].map((x) => [x.id, x.name])),
			conversions: Object.fromEntries([...cat.conversions.values()].map((x) => [x.id, x.name]))
		}
	};
}
