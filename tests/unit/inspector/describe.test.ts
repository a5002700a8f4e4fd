// Conditions read in plain language, in English and French, with the workspace's names.
import { describe, expect, it } from 'vitest';
import { describeCondition, describeLeaf } from '../../../src/lib/components/conditions/describe';
import type { Condition } from '../../../src/lib/engine/schema/conditions';
import { demoCatalog } from './catalog';
import { sayIn } from './say';

const cat = demoCatalog();
const en = sayIn('en');
const fr = sayIn('fr');

describe('plain-language conditions', () => {
	it('reads nested AND/OR groups with names from the catalogue', () => {
		const c: Condition = {
			all: [
				{ kind: 'tag', op: 'has', tag: 'vip' },
				{
					any: [
						{ kind: 'action', action: 'opened', op: 'has', email: 'welcome-1', count: { op: 'gte', value: 2 }, within: { days: 7 } },
						{ kind: 'field', field: 'city', op: 'contains', value: 'Paris' }
					]
				}
			]
		};
		expect(describeCondition(c, cat, en)).toBe('Contact has tag “vip” AND (opened “Welcome #1” at least 2 times in the last 7 days OR has City containing “Paris”)');
		expect(describeCondition(c, cat, fr)).toBe('Le contact a le tag « vip » ET (a ouvert « Welcome #1 » au moins 2 fois depuis 7 jours OU a le champ City contenant « Paris »)');
	});

	it('says when there is nothing to match', () => {
		expect(describeCondition({ all: [] }, cat, en)).toBe('No conditions: every contact matches.');
		expect(describeCondition(undefined, cat, fr)).toBe('Aucune condition : tous les contacts correspondent.');
	});

	it('reads every condition family', () => {
		const read = (l: Parameters<typeof describeLeaf>[0]) => describeLeaf(l, cat, en);
		expect(read({ kind: 'tag', op: 'has_not', tag: 'inactive' })).toBe('does not have tag “inactive”');
		expect(read({ kind: 'field', field: 'birthday', op: 'within_next', days: 7 })).toBe('has Birthday within the next 7 days');
		expect(read({ kind: 'field', field: 'birthday', op: 'before', value: 'today-3' })).toBe('has Birthday before 3 days before today');
		expect(read({ kind: 'field', field: 'city', op: 'empty' })).toBe('has City empty');
		expect(read({ kind: 'list', op: 'is', list: 'newsletter', status: 'active' })).toBe('is active on list “Newsletter”');
		expect(read({ kind: 'score', model: 'engagement', op: 'gte', value: 10 })).toBe('has a Engagement score of at least 10');
		expect(read({ kind: 'action', action: 'clicked', op: 'has', link: 'https://x.example/*' })).toBe('clicked a link in any email on link “https://x.example/*”');
		expect(read({ kind: 'action', action: 'submitted_form', op: 'has_not', form: 'signup' })).toBe('has not submitted “Newsletter sign-up”');
		expect(read({ kind: 'action', action: 'sms_replied', op: 'has', within: { weeks: 1, days: 2 } })).toBe('replied to an SMS in the last 1 week 2 days');
		expect(read({ kind: 'automation', op: 'achieved_goal', automation: 'welcome', goal: 'bought' })).toBe('has achieved goal “Made a first order” in “Welcome series”');
		expect(read({ kind: 'automation', op: 'not_entered', automation: 'birthday' })).toBe('has never entered “Birthday”');
		expect(read({ kind: 'site', op: 'visited', url: 'example.com/pricing*', count: { op: 'gt', value: 3 } })).toBe('visited “example.com/pricing*” more than 3 times');
		expect(read({ kind: 'event', op: 'recorded', name: 'purchase', value: { op: 'gte', value: 50 } })).toBe('has event “purchase” with a value of at least “50”');
		expect(read({ kind: 'deal', op: 'has', pipeline: 'wholesale', stage: 'proposal', status: 'open' })).toBe('has a deal in “Wholesale”, at stage “Proposal”, open');
		expect(read({ kind: 'account', field: 'name', op: 'eq', value: 'Acme' })).toBe('has account Name equal to “Acme”');
		expect(read({ kind: 'conversion', op: 'not_made' })).toBe('has not made a conversion');
		expect(read({ kind: 'time', part: 'day_of_week', op: 'in', value: [1, 5], zone: 'contact' })).toBe('it is Monday or Friday (contact’s time zone)');
		expect(read({ kind: 'time', part: 'hour', op: 'gte', value: 9, zone: 'Europe/Paris' })).toBe('it is 9:00 or later (Europe/Paris)');
	});

	it('a tree opening on a time condition starts with it, capitalized', () => {
		const c: Condition = { all: [{ kind: 'time', part: 'month', op: 'eq', value: 12, zone: 'contact' }, { kind: 'tag', op: 'has', tag: 'vip' }] };
		expect(describeCondition(c, cat, en)).toBe('It is December (contact’s time zone) AND has tag “vip”');
		expect(describeCondition(c, cat, fr)).toBe('On est en décembre (fuseau horaire du contact) ET a le tag « vip »');
	});
});
