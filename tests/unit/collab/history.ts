/**
 * A realistic editing session for measurements: `n` edits by one user through the builder's own
 * operations (steps added on edges and at the end, labels typed letter by letter, settings
 * changed, steps deleted, nodes moved, triggers added, comments and replies), seeded.
 */
import type { DraftDoc } from '../../../src/lib/collab/draft';
import { addComment, listComments, replyTo } from '../../../src/lib/collab/comments';
import { appendStep, deleteSteps, freshId, insertStep, nudge, outputsOf, replaceStep, addTrigger } from '../../../src/lib/collab/ops';
import type { AutomationDef } from '../../../src/lib/engine/schema/automation';
import { prng } from './net';

/** The automation the session starts from. */
export const sessionSeed: AutomationDef = {
	id: 'session',
	name: 'Session',
	status: 'draft',
	entry: 'multiple',
	triggers: [{ id: 'manual-1', kind: 'manual', runs: 'every' }],
	steps: [
		{ id: 'a', kind: 'tag.add', tag: 'a', next: 'b' },
		{ id: 'b', kind: 'wait', wait: { mode: 'period', for: { days: 1 } } }
	]
};

/** Applies `n` edits to `draft` (each one document transaction). */
export function editSession(draft: DraftDoc, n: number, seed = 7): void {
	const rnd = prng(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
	let done = 0;
	const step = () => {
		const d = draft.def;
		return d.steps.length ? pick(d.steps) : null;
	};
	while (done < n) {
		const r = rnd();
		const d = draft.def;
		const taken = new Set([...d.steps.map((s) => s.id), ...d.triggers.map((t) => t.id)]);
		const s = step();
		if (r < 0.2) {
			const id = freshId('tag', taken, rnd);
			const anchors = d.steps.flatMap((x) => outputsOf(x).map((o) => ({ from: x.id, key: o.key })));
			draft.edit((def) => (anchors.length && rnd() < 0.7 ? insertStep(def, pick(anchors), { id, kind: 'tag.add', tag: 'x' }) : appendStep(def, { id, kind: 'wait', wait: { mode: 'period', for: { days: 2 } } })));
			done++;
		} else if (r < 0.55 && s) {
			// Typing a label: one edit per letter, merged into one undo step.
			const word = pick(['Welcome', 'Relance', 'Follow up']);
			for (let i = 1; i <= word.length && done < n; i++, done++) draft.edit((def) => replaceStep(def, s.id, { ...def.steps.find((x) => x.id === s.id)!, label: word.slice(0, i) }), { merge: true });
		} else if (r < 0.65 && s && d.steps.length > 6) {
			draft.edit((def) => deleteSteps(def, [s.id]).def);
			done++;
		} else if (r < 0.75 && s) {
			draft.edit((def) => nudge(def, { [s.id]: { x: Math.floor(rnd() * 200) - 100, y: Math.floor(rnd() * 60) } }));
			done++;
		} else if (r < 0.8) {
			draft.edit((def) => addTrigger(def, { id: freshId('tag-added', taken, rnd), kind: 'tag.added', runs: 'every', tag: 'vip' }));
			done++;
		} else if (r < 0.9 && s) {
			addComment(draft.doc, { type: 'step', id: s.id }, draft.opts.user, 'Check the wording', 1_000 + done);
			done++;
		} else {
			const threads = listComments(draft.doc);
			if (threads.length) replyTo(draft.doc, pick(threads).id, draft.opts.user, 'Done', 2_000 + done);
			else if (s) draft.edit((def) => replaceStep(def, s.id, { ...def.steps.find((x) => x.id === s.id)!, label: `Step ${done}` }));
			done++;
		}
	}
}
