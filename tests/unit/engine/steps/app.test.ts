import { describe, expect, it } from 'vitest';
import { codes, diagnose, expectPlainJson, run, stepLogs } from './util';

describe('app.action', () => {
	it('renders the fields and emits an app call', () => {
		const e = run([{ id: 'row', kind: 'app.action', app: 'google_sheets', action: 'add_row', fields: { spreadsheet: 'sheet-1', sheet: 'Leads', Email: '%EMAIL%', Name: '%FULLNAME%' } }]);
		const [fx] = e.takeEffects();
		expect(fx.kind).toBe('app.call');
		expect(fx.payload).toEqual({ app: 'google_sheets', action: 'add_row', fields: { spreadsheet: 'sheet-1', sheet: 'Leads', Email: 'anna@example.com', Name: 'Anna Smith' } });
		expectPlainJson(fx.payload);
		expect(stepLogs(e, 'row')).toEqual([{ code: 'step_done', detail: { key: fx.key } }]);
	});

	it('validates the action and its required fields', () => {
		expect(codes(diagnose([{ id: 'x', kind: 'app.action', app: 'slack', action: 'dance' }]))).toEqual(['app.action@error']);
		const ds = diagnose([{ id: 'x', kind: 'app.action', app: 'slack', action: 'send_message', fields: { channel: '#sales' } }]);
		expect(codes(ds)).toEqual(['app.field_missing@error']);
		expect(ds[0].message).toBe('"Post a message to a channel" needs the field "text".');
		expect(codes(diagnose([{ id: 'x', kind: 'app.action', app: 'myspace', action: 'post' }]))).toEqual(['step.invalid@error']);
	});
});
