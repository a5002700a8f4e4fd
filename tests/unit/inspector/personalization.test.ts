// The "%" picker: spotting a tag being typed, inserting at the caret, flagging unknown tags.
import { describe, expect, it } from 'vitest';
import { filterTags, insertTag, knownTags, tagOptions, tagQueryAt, unknownTags } from '../../../src/lib/components/editors/personalization';
import { demoCatalog } from './catalog';

const cat = demoCatalog();

describe('personalization tags', () => {
	it('lists standard, custom-field, deal and account tags', () => {
		const tags = tagOptions(cat).map((o) => `${o.group}:${o.tag}`);
		expect(tags).toEqual(expect.arrayContaining(['contact:FIRSTNAME', 'custom:CITY', 'custom:FAVORITE_ROAST', 'deal:DEAL_TITLE', 'deal:DEAL_OWNER_EMAIL', 'account:ACCOUNT_NAME']));
		expect(tagOptions(cat).find((o) => o.tag === 'CITY')).toMatchObject({ label: 'City', standard: false });
	});

	it('opens on a "%" being typed, not on the "%" that closes a tag', () => {
		expect(tagQueryAt('Hi %', 4)).toEqual({ start: 3, query: '' });
		expect(tagQueryAt('Hi %fir', 7)).toEqual({ start: 3, query: 'fir' });
		expect(tagQueryAt('Hi %FIRSTNAME%', 14)).toBeNull();
		expect(tagQueryAt('Hi %FIRSTNAME% %CI', 18)).toEqual({ start: 15, query: 'CI' });
		expect(tagQueryAt('Hi %fir', 5)).toEqual({ start: 3, query: 'f' });
		expect(tagQueryAt('Hi there', 8)).toBeNull();
		expect(tagQueryAt('50% off', 3)).toEqual({ start: 2, query: '' });
		expect(tagQueryAt('50% off', 7)).toBeNull();
	});

	it('inserts the tag at the caret, replacing what was typed, and puts the caret after it', () => {
		expect(insertTag('Hi %fir, welcome', 3, 7, 'FIRSTNAME')).toEqual({ text: 'Hi %FIRSTNAME%, welcome', caret: 14 });
		expect(insertTag('%', 0, 1, 'EMAIL')).toEqual({ text: '%EMAIL%', caret: 7 });
	});

	it('filters by tag or label, prefix matches first', () => {
		const opts = tagOptions(cat);
		expect(filterTags(opts, 'ci').map((o) => o.tag)[0]).toBe('CITY');
		expect(filterTags(opts, 'roast').map((o) => o.tag)).toEqual(['FAVORITE_ROAST']);
		expect(filterTags(opts, 'owner').map((o) => o.tag)).toEqual(expect.arrayContaining(['DEAL_OWNER_EMAIL', 'ACCOUNT_OWNER_NAME']));
		expect(filterTags(opts, '')).toHaveLength(opts.length);
	});

	it('flags tags the workspace does not know, once each', () => {
		const known = knownTags(cat);
		expect(unknownTags('Hi %FIRSTNAME%, size %SHOE_SIZE% / %shoe_size% in %City%', known)).toEqual(['SHOE_SIZE']);
		expect(unknownTags('No tags here, 100% sure', known)).toEqual([]);
	});
});
