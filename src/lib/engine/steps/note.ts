/** Add a note: attaches a note to the contact record (personalization allowed). */
import { z } from 'zod';
import { TraceCode } from '../core/trace';
import { compileTemplate, type Template } from '../personalize';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { renderFor } from './fields';

const schema = z
	.object({ ...stepBase, kind: z.literal('note.add'), text: z.string().trim().min(1, 'write the note'), ...next })
	.strict();
type Def = z.infer<typeof schema>;

export const addNote = defineStep<Def, Template>({
	kind: 'note.add',
	group: 'contacts',
	title: 'Add a note',
	summary: 'Attaches a note to the contact (personalization allowed).',
	plans: { from: 'plus' },
	schema,
	outputs: linear,
	validate: (d, v) => v.template(d.text, ['text']),
	compile: (d) => compileTemplate(d.text),
	enter(e, r, s) {
		const text = renderFor(e, r, s.data).trim();
		if (!text) {
			e.log(r, s, TraceCode.step_skipped, { reason: 'empty_note' });
			return s.out[0];
		}
		e.world.addContactNote(e.contactOf(r), { at: e.now, text, by: `automation:${s.automation.id}` });
		e.log(r, s, TraceCode.step_done);
		return s.out[0];
	}
});
