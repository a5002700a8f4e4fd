/**
 * The demo workspace a newcomer sees on first start: a small coffee-roaster shop with 200 seeded
 * contacts, a welcome series with a goal, a birthday automation and a re-engagement loop, plus a
 * script of subscriptions, opens and purchases over the first weeks, so running the clock shows
 * journeys moving at once.
 */
import { Rng } from '../engine/core/random';
import { DAY, HOUR, MINUTE } from '../engine/core/time';
import type { Input } from '../engine/inputs';
import { WorkspaceFile } from '../engine/schema/file';
import { FIRST_NAMES, LAST_NAMES, PLACES, slug } from './names';
import { bench12Template, benchJourneyTemplate } from './bench';

/** A template: a workspace file and scheduled inputs relative to the start. */
export interface Template {
	id: string;
	name: string;
	description: string;
	/** Builds the workspace file and its script; `size` is the number of contacts where it applies. */
	build(start: number, seed: number, size?: number, locale?: TemplateLocale): { file: WorkspaceFile; inputs: Input[] };
}

const EMAIL_STYLE = 'font-family: system-ui, sans-serif; line-height: 1.5';

function email(id: string, [name, subject, preheader, body]: readonly string[], footer: string) {
	return {
		id,
		name,
		subject,
		preheader,
		fromName: 'Maison Torréfaction',
		fromEmail: 'hello@maison-torrefaction.example',
		body: `<div style="${EMAIL_STYLE}">${body}<p style="color:#667">Maison Torréfaction · <a href="https://maison-torrefaction.example/unsubscribe">${footer}</a></p></div>`
	};
}

/** Languages the templates' contents (names, emails, descriptions) are written in. */
export type TemplateLocale = 'en' | 'fr';

/** The demo's words, by language (ids stay the same in every language). */
const DEMO_TEXT = {
	en: {
		fields: { city: 'City', birthday: 'Birthday', favorite_roast: 'Favourite roast' },
		roasts: ['Light', 'Medium', 'Dark'],
		lists: { newsletter: 'Newsletter', customers: 'Customers' },
		scoring: 'Engagement',
		pipeline: 'Wholesale',
		stages: { lead: 'Lead', tasting: 'Tasting booked', proposal: 'Proposal', won: 'Won' },
		conversion: 'First order',
		form: 'Newsletter sign-up',
		emails: {
			'welcome-1': ['Welcome #1', 'Welcome to Maison Torréfaction, %FIRSTNAME%!', 'Your first roast is on us', '<h1>Bienvenue %FIRSTNAME% !</h1><p>Thanks for joining us. Here is <b>10% off</b> your first bag with code <b>HELLO10</b>.</p><p><a href="https://maison-torrefaction.example/shop">Visit the shop</a></p>'],
			'welcome-2': ['Welcome #2: brewing tips', 'How to brew the perfect cup', 'Three tips from our roasters', '<p>Hi %FIRSTNAME%, here are our three favourite brewing tips:</p><ul><li>Grind just before brewing</li><li>Use water at 93 °C</li><li>Weigh your coffee</li></ul><p><a href="https://maison-torrefaction.example/guides">Read the guides</a></p>'],
			'welcome-reminder': ['Welcome reminder', 'Did you see your welcome gift?', 'HELLO10 is still waiting', '<p>Hi %FIRSTNAME%, your code <b>HELLO10</b> is still valid for a few days.</p><p><a href="https://maison-torrefaction.example/shop">Use it now</a></p>'],
			'welcome-offer': ['Welcome #3: last chance', 'Last chance for 10% off, %FIRSTNAME%', 'Your code expires tomorrow', '<p>Your welcome code expires tomorrow.</p><p><a href="https://maison-torrefaction.example/shop">Order now</a></p>'],
			'thank-you': ['Thank you for your order', 'Thank you, %FIRSTNAME%!', 'Your coffee is on its way', '<p>Your coffee is being roasted. Enjoy!</p>'],
			birthday: ['Birthday', 'Happy birthday %FIRSTNAME% ☕', 'A gift from us', '<p>Happy birthday! Enjoy a free bag of %FAVORITE_ROAST% roast with code <b>BDAY</b>.</p>'],
			'we-miss-you': ['We miss you', 'We miss you, %FIRSTNAME%', 'Come back for a fresh roast', '<p>It has been a while. Fancy a fresh roast?</p><p><a href="https://maison-torrefaction.example/shop">See this month\'s beans</a></p>']
		},
		footer: 'Unsubscribe',
		welcome: ['Welcome series', 'New newsletter subscribers get three emails; buyers jump to the thank-you goal.', 'Made a first order'],
		birthday: ['Birthday', "A gift on the contact's birthday at 9:00 in their time zone."],
		reengage: ['Re-engagement', 'Contacts tagged "inactive" get a weekly nudge until they open one.']
	},
	fr: {
		fields: { city: 'Ville', birthday: 'Anniversaire', favorite_roast: 'Torréfaction préférée' },
		roasts: ['Légère', 'Moyenne', 'Corsée'],
		lists: { newsletter: 'Newsletter', customers: 'Clients' },
		scoring: 'Engagement',
		pipeline: 'Vente en gros',
		stages: { lead: 'Piste', tasting: 'Dégustation prévue', proposal: 'Proposition', won: 'Gagnée' },
		conversion: 'Première commande',
		form: 'Inscription à la newsletter',
		emails: {
			'welcome-1': ['Bienvenue n°1', 'Bienvenue chez Maison Torréfaction, %FIRSTNAME% !', 'Votre premier café est offert', '<h1>Bienvenue %FIRSTNAME% !</h1><p>Merci de nous avoir rejoints. Voici <b>10 % de réduction</b> sur votre premier paquet avec le code <b>HELLO10</b>.</p><p><a href="https://maison-torrefaction.example/shop">Visiter la boutique</a></p>'],
			'welcome-2': ['Bienvenue n°2 : conseils d’infusion', 'Comment préparer la tasse parfaite', 'Trois conseils de nos torréfacteurs', '<p>Bonjour %FIRSTNAME%, voici nos trois conseils d’infusion préférés :</p><ul><li>Moudre juste avant l’infusion</li><li>Utiliser une eau à 93 °C</li><li>Peser son café</li></ul><p><a href="https://maison-torrefaction.example/guides">Lire les guides</a></p>'],
			'welcome-reminder': ['Rappel de bienvenue', 'Avez-vous vu votre cadeau de bienvenue ?', 'HELLO10 vous attend toujours', '<p>Bonjour %FIRSTNAME%, votre code <b>HELLO10</b> est encore valable quelques jours.</p><p><a href="https://maison-torrefaction.example/shop">L’utiliser maintenant</a></p>'],
			'welcome-offer': ['Bienvenue n°3 : dernière chance', 'Dernière chance pour vos 10 %, %FIRSTNAME%', 'Votre code expire demain', '<p>Votre code de bienvenue expire demain.</p><p><a href="https://maison-torrefaction.example/shop">Commander maintenant</a></p>'],
			'thank-you': ['Merci pour votre commande', 'Merci, %FIRSTNAME% !', 'Votre café est en route', '<p>Votre café est en cours de torréfaction. Bonne dégustation !</p>'],
			birthday: ['Anniversaire', 'Joyeux anniversaire %FIRSTNAME% ☕', 'Un cadeau de notre part', '<p>Joyeux anniversaire ! Un paquet de torréfaction %FAVORITE_ROAST% vous est offert avec le code <b>BDAY</b>.</p>'],
			'we-miss-you': ['Vous nous manquez', 'Vous nous manquez, %FIRSTNAME%', 'Revenez pour une torréfaction fraîche', '<p>Cela fait un moment. Envie d’un café fraîchement torréfié ?</p><p><a href="https://maison-torrefaction.example/shop">Voir les grains du mois</a></p>']
		},
		footer: 'Se désabonner',
		welcome: ['Série de bienvenue', 'Les nouveaux abonnés à la newsletter reçoivent trois e-mails ; ceux qui achètent passent directement à l’objectif de remerciement.', 'A passé une première commande'],
		birthday: ['Anniversaire', 'Un cadeau le jour de l’anniversaire du contact, à 9 h dans son fuseau horaire.'],
		reengage: ['Réengagement', 'Les contacts marqués « inactive » reçoivent une relance par semaine jusqu’à ce qu’ils en ouvrent une.']
	}
} as const;

/** The demo workspace. */
export const demoTemplate: Template = {
	id: 'demo',
	name: 'Demo: Maison Torréfaction',
	description: 'A coffee roaster with 200 contacts, a welcome series with a purchase goal, birthdays and re-engagement.',
	build(start, seed, _size, locale = 'en') {
		const T = DEMO_TEXT[locale] ?? DEMO_TEXT.en;
		const rng = new Rng(seed);
		const contacts = Array.from({ length: 200 }, (_, i) => {
			const first = rng.pick(FIRST_NAMES);
			const last = rng.pick(LAST_NAMES);
			const place = rng.pick(PLACES);
			const month = 1 + rng.int(12);
			const day = 1 + rng.int(28);
			return {
				id: `c${String(i + 1).padStart(3, '0')}`,
				email: `${slug(first)}.${slug(last)}${i + 1}@example.com`,
				firstName: first,
				lastName: last,
				timeZone: place.zone,
				fields: {
					city: place.city,
					birthday: `${1970 + rng.int(35)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
					favorite_roast: rng.pick(T.roasts)
				},
				lists: i < 60 ? { newsletter: 'active' as const } : {},
				tags: i < 60 ? ['subscriber'] : [],
				scores: { engagement: rng.int(20) }
			};
		});
		const file = WorkspaceFile.parse({
			format: 'journey-studio/workspace',
			version: 1,
			name: 'Maison Torréfaction',
			timeZone: 'Europe/Paris',
			fields: [
				{ key: 'city', label: T.fields.city, type: 'text' },
				{ key: 'birthday', label: T.fields.birthday, type: 'date' },
				{ key: 'favorite_roast', label: T.fields.favorite_roast, type: 'dropdown', options: [...T.roasts] }
			],
			lists: [
				{ id: 'newsletter', name: T.lists.newsletter },
				{ id: 'customers', name: T.lists.customers }
			],
			tags: ['subscriber', 'customer', 'vip', 'inactive'],
			scoring: [{ id: 'engagement', name: T.scoring }],
			users: [{ id: 'alice', name: 'Alice Moreau', email: 'alice@maison-torrefaction.example' }],
			pipelines: [
				{
					id: 'wholesale',
					name: T.pipeline,
					stages: (['lead', 'tasting', 'proposal', 'won'] as const).map((id) => ({ id, name: T.stages[id] }))
				}
			],
			conversions: [{ id: 'first-order', name: T.conversion, value: 25 }],
			forms: [{ id: 'signup', name: T.form }],
			emails: Object.entries(T.emails).map(([id, text]) => email(id, text, T.footer)),
			contacts,
			automations: [
				{
					id: 'welcome',
					name: T.welcome[0],
					description: T.welcome[1],
					status: 'active',
					triggers: [{ id: 'subscribed', kind: 'list.subscribed', list: 'newsletter', runs: 'once' }],
					steps: [
						{ id: 'send-welcome', kind: 'email.send', email: 'welcome-1', next: 'wait-2d' },
						{ id: 'wait-2d', kind: 'wait', wait: { mode: 'period', for: { days: 2 } }, next: 'opened' },
						{ id: 'opened', kind: 'if_else', conditions: { kind: 'action', action: 'opened', op: 'has', email: 'welcome-1' }, yes: 'send-tips', no: 'send-reminder' },
						{ id: 'send-tips', kind: 'email.send', email: 'welcome-2', next: 'wait-3d' },
						{ id: 'send-reminder', kind: 'email.send', email: 'welcome-reminder', next: 'wait-3d' },
						{ id: 'wait-3d', kind: 'wait', wait: { mode: 'period', for: { days: 3 } }, next: 'send-offer' },
						{ id: 'send-offer', kind: 'email.send', email: 'welcome-offer', next: 'bought' },
						{
							id: 'bought',
							kind: 'goal',
							label: T.welcome[2],
							conditions: { kind: 'conversion', op: 'made', conversion: 'first-order' },
							ifUnmet: 'continue',
							next: 'tag-customer'
						},
						{ id: 'tag-customer', kind: 'tag.add', tag: 'customer' }
					]
				},
				{
					id: 'birthday',
					name: T.birthday[0],
					description: T.birthday[1],
					status: 'active',
					triggers: [{ id: 'bday', kind: 'date.based', field: 'birthday', recurrence: 'yearly', time: '09:00', runs: 'every' }],
					steps: [{ id: 'send-bday', kind: 'email.send', email: 'birthday' }]
				},
				{
					id: 'reengage',
					name: T.reengage[0],
					description: T.reengage[1],
					status: 'active',
					triggers: [{ id: 'inactive', kind: 'tag.added', tag: 'inactive', runs: 'every' }],
					steps: [
						{ id: 'nudge', kind: 'email.send', email: 'we-miss-you', next: 'wait-open' },
						{
							id: 'wait-open',
							kind: 'wait',
							wait: { mode: 'until_conditions', conditions: { kind: 'action', action: 'opened', op: 'has', email: 'we-miss-you' }, timeLimit: { weeks: 1 } },
							next: 'came-back'
						},
						{ id: 'came-back', kind: 'if_else', conditions: { kind: 'action', action: 'opened', op: 'has', email: 'we-miss-you' }, yes: 'untag', no: 'again' },
						{ id: 'untag', kind: 'tag.remove', tag: 'inactive' },
						{ id: 'again', kind: 'goto', target: 'nudge' }
					]
				}
			]
		});
		// The script: sign-ups over two weeks, opens, clicks and first orders with seeded odds.
		const inputs: Input[] = [];
		for (let i = 60; i < 200; i++) {
			if (rng.next() < 0.55) {
				const c = contacts[i].id;
				const at = start + Math.floor(rng.next() * 14 * DAY);
				inputs.push({ type: 'form.submitted', at, contact: c, form: 'signup' });
				inputs.push({ type: 'list.subscribed', at: at + MINUTE, contact: c, list: 'newsletter' });
				if (rng.next() < 0.6) inputs.push({ type: 'email.opened', at: at + HOUR + Math.floor(rng.next() * DAY), contact: c, email: 'welcome-1' });
				if (rng.next() < 0.25) inputs.push({ type: 'conversion.made', at: at + Math.floor((1 + rng.next() * 6) * DAY), contact: c, conversion: 'first-order', value: 25 });
			}
		}
		for (let i = 0; i < 60; i++) {
			if (rng.next() < 0.3) inputs.push({ type: 'tag.added', at: start + Math.floor(rng.next() * 10 * DAY), contact: contacts[i].id, tag: 'inactive' });
		}
		for (const inp of [...inputs]) {
			if (inp.type === 'tag.added' && rng.next() < 0.4)
				inputs.push({ type: 'email.opened', at: inp.at + Math.floor((1 + rng.next() * 9) * DAY), contact: inp.contact, email: 'we-miss-you' });
		}
		inputs.sort((a, b) => a.at - b.at);
		return { file, inputs };
	}
};

/** An empty simulation workspace with one list and one email to start from. */
export const blankTemplate: Template = {
	id: 'blank',
	name: 'Blank',
	description: 'One list, one email, no contacts.',
	build() {
		const file = WorkspaceFile.parse({
			format: 'journey-studio/workspace',
			version: 1,
			name: 'Blank',
			lists: [{ id: 'newsletter', name: 'Newsletter' }],
			emails: [{ id: 'hello', name: 'Hello', subject: 'Hello %FIRSTNAME%', body: '<p>Hello %FIRSTNAME%!</p>' }],
			scoring: [{ id: 'engagement', name: 'Engagement' }]
		});
		return { file, inputs: [] };
	}
};

/** Templates by id. */
export const TEMPLATES: Record<string, Template> = {
	demo: demoTemplate,
	blank: blankTemplate,
	'bench-journey': benchJourneyTemplate,
	'bench-12': bench12Template
};
