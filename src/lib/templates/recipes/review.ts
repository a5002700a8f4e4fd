/** Post-purchase review: a week after a purchase, ask for a review; thank reviewers, remind the others once. */
import { chain, type Recipe } from './kit';

export const postPurchaseReview: Recipe = {
	id: 'post-purchase-review',
	needs: 'plus',
	text: {
		en: { name: 'Post-purchase review', description: 'A week after a "purchase" event, the customer is asked for a review. Those who click the review link are tagged reviewers; the others get one reminder.' },
		fr: { name: 'Avis après achat', description: 'Une semaine après un événement « purchase », le client est invité à laisser un avis. Ceux qui cliquent sont étiquetés « a laissé un avis » ; les autres reçoivent un seul rappel.' }
	},
	build(cx) {
		const customer = cx.tag(cx.t({ en: 'customer', fr: 'client' }));
		const reviewer = cx.tag(cx.t({ en: 'reviewer', fr: 'a laissé un avis' }));
		const ask = cx.email('ask', {
			en: { name: 'Review request', subject: 'How was your order, %FIRSTNAME%?', preheader: 'Two minutes to help others choose', body: '<p>We hope you enjoy your order. <a href="https://example.com/review">Leave a review</a>, it takes two minutes.</p>' },
			fr: { name: 'Demande d’avis', subject: 'Votre commande vous plaît, %FIRSTNAME% ?', preheader: 'Deux minutes pour aider les autres à choisir', body: '<p>Nous espérons que votre commande vous plaît. <a href="https://example.com/review">Laissez un avis</a>, cela prend deux minutes.</p>' }
		});
		const remind = cx.email('reminder', {
			en: { name: 'Review reminder', subject: 'A quick word about your order?', preheader: 'Your opinion matters', body: '<p>Your opinion helps us improve. <a href="https://example.com/review">Leave a review</a>.</p>' },
			fr: { name: 'Rappel d’avis', subject: 'Un petit mot sur votre commande ?', preheader: 'Votre avis compte', body: '<p>Votre avis nous aide à progresser. <a href="https://example.com/review">Laissez un avis</a>.</p>' }
		});
		const clicked = { kind: 'action', action: 'clicked', op: 'has', email: ask };
		return {
			id: cx.automationId,
			name: cx.t(this.text).name,
			description: cx.t(this.text).description,
			status: 'draft',
			entry: 'multiple',
			triggers: [{ id: 'purchased', kind: 'event.recorded', name: 'purchase', runs: 'every' }],
			steps: chain([
				{ id: 'tag-customer', kind: 'tag.add', tag: customer },
				{ id: 'wait-7d', kind: 'wait', wait: { mode: 'period', for: { days: 7 } } },
				{ id: 'send-ask', kind: 'email.send', email: ask },
				{ id: 'wait-click', kind: 'wait', wait: { mode: 'until_conditions', conditions: clicked, timeLimit: { days: 4 } } },
				{ id: 'reviewed', kind: 'if_else', conditions: clicked, yes: 'tag-reviewer', no: 'send-reminder' },
				{ id: 'tag-reviewer', kind: 'tag.add', tag: reviewer, next: null },
				{ id: 'send-reminder', kind: 'email.send', email: remind }
			])
		};
	}
};
