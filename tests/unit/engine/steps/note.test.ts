import { describe, expect, it } from 'vitest';
import { codes, diagnose, run, stepLogs, T0 } from './util';

describe('note.add', () => {
	it('attaches a personalized note to the contact', () => {
		const e = run([{ id: 'n', kind: 'note.add', text: 'Lead %FIRSTNAME% %LASTNAME% handed to sales' }]);
		expect(e.world.contact('c1')!.notes).toEqual([{ at: T0, text: 'Lead Anna Smith handed to sales', by: 'automation:a' }]);
		expect(stepLogs(e, 'n')).toEqual([{ code: 'step_done' }]);
		expect(e.world.dirtyContacts.has(0)).toBe(true);
	});

	it('skips a note that renders empty', () => {
		const e = run([{ id: 'n', kind: 'note.add', text: '%PHONE%' }], { contacts: [{ id: 'c1' }] });
		expect(e.world.contact('c1')!.notes).toEqual([]);
		expect(stepLogs(e, 'n')).toEqual([{ code: 'step_skipped', detail: { reason: 'empty_note' } }]);
	});

	it('requires text and warns about unknown tags', () => {
		expect(codes(diagnose([{ id: 'n', kind: 'note.add', text: ' ' }]))).toEqual(['step.invalid@error']);
		expect(codes(diagnose([{ id: 'n', kind: 'note.add', text: 'Hi %NICKNAME%' }]))).toEqual(['template.unknown_tag@warning']);
	});
});
