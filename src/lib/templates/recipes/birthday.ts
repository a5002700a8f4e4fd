/** Birthday: a greeting at 9:00 in the contact's time zone every year on their birthday. */
import { chain, type Recipe } from './kit';

export const birthday: Recipe = {
	id: 'birthday',
	needs: 'starter',
	text: {
		en: { name: 'Birthday greeting', description: 'Every year on the contact’s birthday, at 9:00 in their time zone, a greeting with a gift code.' },
		fr: { name: 'Message d’anniversaire', description: 'Chaque année, le jour de l’anniversaire du contact, à 9 h dans son fuseau horaire, un message avec un code cadeau.' }
	},
	build(cx) {
		const field = cx.field(/birth|naissance|anniv/i, 'date', { key: 'birthday', label: cx.t({ en: 'Birthday', fr: 'Date de naissance' }), type: 'date' });
		const greeting = cx.email('greeting', {
			en: { name: 'Happy birthday', subject: 'Happy birthday, %FIRSTNAME%!', preheader: 'A little gift from us', body: '<p>Happy birthday %FIRSTNAME%! Enjoy <b>15% off</b> today with code <b>BDAY15</b>.</p>' },
			fr: { name: 'Joyeux anniversaire', subject: 'Joyeux anniversaire, %FIRSTNAME% !', preheader: 'Un petit cadeau de notre part', body: '<p>Joyeux anniversaire %FIRSTNAME% ! Profitez de <b>-15 %</b> aujourd’hui avec le code <b>ANNIV15</b>.</p>' }
		});
		return {
			id: cx.automationId,
			name: cx.t(this.text).name,
			description: cx.t(this.text).description,
			status: 'draft',
			entry: 'multiple',
			triggers: [{ id: 'on-birthday', kind: 'date.based', field, when: 'on', amount: 0, unit: 'days', recurrence: 'yearly', time: '09:00', zone: 'contact', runs: 'every' }],
			steps: chain([{ id: 'send-greeting', kind: 'email.send', email: greeting }])
		};
	}
};
