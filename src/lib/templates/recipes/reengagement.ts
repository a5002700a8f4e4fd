/** Re-engagement: contacts tagged inactive get a "we miss you"; those who open are re-activated, others unsubscribed. */
import { chain, type Recipe } from './kit';

export const reengagement: Recipe = {
	id: 're-engagement',
	needs: 'plus',
	text: {
		en: { name: 'Re-engagement', description: 'Contacts tagged "inactive" get a "we miss you" email and up to a week to open it: openers lose the tag, the others get a last chance and are then unsubscribed.' },
		fr: { name: 'Réengagement', description: 'Les contacts étiquetés « inactif » reçoivent un e-mail « vous nous manquez » et une semaine pour l’ouvrir : ceux qui l’ouvrent perdent l’étiquette, les autres ont une dernière chance puis sont désabonnés.' }
	},
	build(cx) {
		const list = cx.mainList({ id: 'newsletter', name: 'Newsletter' });
		const inactive = cx.tag(cx.t({ en: 'inactive', fr: 'inactif' }));
		const miss = cx.email('miss-you', {
			en: { name: 'We miss you', subject: 'We miss you, %FIRSTNAME%', preheader: 'Here is what you missed', body: '<p>It has been a while, %FIRSTNAME%. <a href="https://example.com/news">Here is what is new</a>.</p>' },
			fr: { name: 'Vous nous manquez', subject: 'Vous nous manquez, %FIRSTNAME%', preheader: 'Ce que vous avez manqué', body: '<p>Cela fait longtemps, %FIRSTNAME%. <a href="https://example.com/news">Voici les nouveautés</a>.</p>' }
		});
		const last = cx.email('last-chance', {
			en: { name: 'Stay subscribed?', subject: 'Should we stop writing to you?', preheader: 'Click to stay on the list', body: '<p>We will unsubscribe you in three days unless you <a href="https://example.com/stay">tell us to stay</a>.</p>' },
			fr: { name: 'Rester abonné ?', subject: 'Faut-il arrêter de vous écrire ?', preheader: 'Cliquez pour rester inscrit', body: '<p>Nous vous désabonnerons dans trois jours sauf si vous <a href="https://example.com/stay">nous dites de rester</a>.</p>' }
		});
		const opened = (email: string) => ({ kind: 'action', action: 'opened', op: 'has', email });
		return {
			id: cx.automationId,
			name: cx.t(this.text).name,
			description: cx.t(this.text).description,
			status: 'draft',
			entry: 'multiple',
			triggers: [{ id: 'tagged-inactive', kind: 'tag.added', tag: inactive, runs: 'every' }],
			steps: chain([
				{ id: 'send-miss-you', kind: 'email.send', email: miss },
				{ id: 'wait-open', kind: 'wait', wait: { mode: 'until_conditions', conditions: opened(miss), timeLimit: { weeks: 1 } } },
				{ id: 'came-back', kind: 'if_else', conditions: opened(miss), yes: 'untag', no: 'send-last-chance' },
				{ id: 'untag', kind: 'tag.remove', tag: inactive, next: null },
				{ id: 'send-last-chance', kind: 'email.send', email: last },
				{ id: 'wait-3d', kind: 'wait', wait: { mode: 'until_conditions', conditions: { kind: 'action', action: 'clicked', op: 'has', email: last }, timeLimit: { days: 3 } } },
				{ id: 'stayed', kind: 'if_else', conditions: { kind: 'action', action: 'clicked', op: 'has', email: last }, yes: 'untag-2', no: 'unsubscribe' },
				{ id: 'untag-2', kind: 'tag.remove', tag: inactive, next: null },
				{ id: 'unsubscribe', kind: 'list.unsubscribe', list }
			])
		};
	}
};
