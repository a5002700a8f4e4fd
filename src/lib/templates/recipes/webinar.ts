/** Webinar reminders: confirmation at registration, reminders the day before and the morning of, replay after. */
import { chain, type Recipe } from './kit';

export const webinarReminder: Recipe = {
	id: 'webinar-reminder',
	needs: 'plus',
	text: {
		en: { name: 'Webinar reminders', description: 'Registrants to the webinar list get a confirmation, a reminder the day before and on the morning of the date in their "Webinar date" field, then the replay or a thank-you depending on whether they attended.' },
		fr: { name: 'Rappels de webinaire', description: 'Les inscrits à la liste du webinaire reçoivent une confirmation, un rappel la veille et le matin de la date de leur champ « Date du webinaire », puis le replay ou un remerciement selon qu’ils ont assisté ou non.' }
	},
	build(cx) {
		const list = cx.list(/webinar/i, { id: 'webinar', name: cx.t({ en: 'Webinar registrants', fr: 'Inscrits au webinaire' }) });
		const date = cx.field(/webinar/i, ['date', 'datetime'], { key: 'webinar_date', label: cx.t({ en: 'Webinar date', fr: 'Date du webinaire' }), type: 'date' });
		const attended = cx.tag(cx.t({ en: 'webinar attended', fr: 'webinaire suivi' }));
		const email = (suffix: string, en: [string, string, string], fr: [string, string, string]) =>
			cx.email(suffix, {
				en: { name: en[0], subject: en[1], preheader: '', body: `<p>${en[2]}</p>` },
				fr: { name: fr[0], subject: fr[1], preheader: '', body: `<p>${fr[2]}</p>` }
			});
		const confirm = email('confirm', ['Webinar: confirmation', 'You are registered, %FIRSTNAME%!', 'See you at the webinar. We will send you a reminder the day before.'], ['Webinaire : confirmation', 'Vous êtes inscrit, %FIRSTNAME% !', 'À bientôt au webinaire. Nous vous enverrons un rappel la veille.']);
		const dayBefore = email('day-before', ['Webinar: tomorrow', 'Tomorrow: our webinar', 'Quick reminder: the webinar is tomorrow. Add it to your calendar!'], ['Webinaire : demain', 'Demain : notre webinaire', 'Petit rappel : le webinaire a lieu demain. Ajoutez-le à votre agenda !']);
		const today = email('today', ['Webinar: today', 'Today: join us live', 'The webinar is today. The link opens 10 minutes before the start.'], ['Webinaire : aujourd’hui', 'Aujourd’hui : rejoignez-nous en direct', 'Le webinaire a lieu aujourd’hui. Le lien s’ouvre 10 minutes avant le début.']);
		const thanks = email('thanks', ['Webinar: thank you', 'Thanks for joining, %FIRSTNAME%', 'Thank you for attending! The slides are attached to the replay page.'], ['Webinaire : merci', 'Merci d’être venu, %FIRSTNAME%', 'Merci d’avoir participé ! Les diapositives sont sur la page du replay.']);
		const replay = email('replay', ['Webinar: replay', 'Missed it? Watch the replay', 'Sorry we missed you: the replay is available for a week.'], ['Webinaire : replay', 'Vous l’avez manqué ? Voici le replay', 'Dommage de vous avoir manqué : le replay est disponible pendant une semaine.']);
		const until = (id: string, when: 'before' | 'on' | 'after', amount: number, time: string) => ({
			id,
			kind: 'wait',
			wait: { mode: 'until_date_field', source: 'contact', field: date, when, amount, unit: 'days', time, zone: 'contact' }
		});
		return {
			id: cx.automationId,
			name: cx.t(this.text).name,
			description: cx.t(this.text).description,
			status: 'draft',
			entry: 'multiple',
			triggers: [{ id: 'registered', kind: 'list.subscribed', list, runs: 'every' }],
			steps: chain([
				{ id: 'send-confirm', kind: 'email.send', email: confirm },
				until('wait-day-before', 'before', 1, '10:00'),
				{ id: 'send-day-before', kind: 'email.send', email: dayBefore },
				until('wait-morning', 'on', 0, '08:00'),
				{ id: 'send-today', kind: 'email.send', email: today },
				until('wait-after', 'after', 1, '10:00'),
				{ id: 'attended', kind: 'if_else', conditions: { kind: 'tag', op: 'has', tag: attended }, yes: 'send-thanks', no: 'send-replay' },
				{ id: 'send-thanks', kind: 'email.send', email: thanks, next: null },
				{ id: 'send-replay', kind: 'email.send', email: replay }
			])
		};
	}
};
