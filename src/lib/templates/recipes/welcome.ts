/** Welcome series: new subscribers get a welcome, tips or a reminder, then an offer; buyers jump to the goal. */
import { chain, type Recipe } from './kit';

export const welcomeSeries: Recipe = {
	id: 'welcome-series',
	needs: 'plus',
	text: {
		en: { name: 'Welcome series', description: 'New subscribers get a welcome email, tips if they opened it (a reminder if not), then an offer. Those who become customers jump to the goal.' },
		fr: { name: 'Série de bienvenue', description: 'Les nouveaux abonnés reçoivent un e-mail de bienvenue, des conseils s’ils l’ont ouvert (un rappel sinon), puis une offre. Ceux qui deviennent clients sautent à l’objectif.' }
	},
	build(cx) {
		const list = cx.mainList({ id: 'newsletter', name: cx.t({ en: 'Newsletter', fr: 'Newsletter' }) });
		const customer = cx.tag(cx.t({ en: 'customer', fr: 'client' }));
		const hello = cx.email('hello', {
			en: { name: 'Welcome #1', subject: 'Welcome, %FIRSTNAME%!', preheader: 'Glad to have you with us', body: '<h1>Welcome %FIRSTNAME%!</h1><p>Thanks for subscribing. Every week you will get our best ideas, straight to your inbox.</p>' },
			fr: { name: 'Bienvenue n°1', subject: 'Bienvenue, %FIRSTNAME% !', preheader: 'Ravis de vous compter parmi nous', body: '<h1>Bienvenue %FIRSTNAME% !</h1><p>Merci pour votre inscription. Chaque semaine, nos meilleures idées arrivent dans votre boîte.</p>' }
		});
		const tips = cx.email('tips', {
			en: { name: 'Welcome #2: tips', subject: 'Three tips to get started', preheader: 'The most useful things first', body: '<p>Hi %FIRSTNAME%, here are three tips our customers love:</p><ul><li>Start small</li><li>Measure what matters</li><li>Ask us anything</li></ul>' },
			fr: { name: 'Bienvenue n°2 : conseils', subject: 'Trois conseils pour bien démarrer', preheader: 'L’essentiel d’abord', body: '<p>Bonjour %FIRSTNAME%, voici trois conseils que nos clients adorent :</p><ul><li>Commencez petit</li><li>Mesurez l’essentiel</li><li>Posez-nous vos questions</li></ul>' }
		});
		const reminder = cx.email('reminder', {
			en: { name: 'Welcome reminder', subject: 'Did you see our welcome?', preheader: 'A little something is waiting for you', body: '<p>Hi %FIRSTNAME%, in case you missed it: your welcome gift is still waiting.</p>' },
			fr: { name: 'Rappel de bienvenue', subject: 'Avez-vous vu notre message de bienvenue ?', preheader: 'Une petite attention vous attend', body: '<p>Bonjour %FIRSTNAME%, au cas où vous l’auriez manqué : votre cadeau de bienvenue vous attend toujours.</p>' }
		});
		const offer = cx.email('offer', {
			en: { name: 'Welcome #3: offer', subject: '10% off your first order, %FIRSTNAME%', preheader: 'Use code WELCOME10', body: '<p>Use code <b>WELCOME10</b> for 10% off your first order this week.</p>' },
			fr: { name: 'Bienvenue n°3 : offre', subject: '-10 % sur votre première commande, %FIRSTNAME%', preheader: 'Avec le code BIENVENUE10', body: '<p>Profitez de <b>-10 %</b> sur votre première commande cette semaine avec le code <b>BIENVENUE10</b>.</p>' }
		});
		return {
			id: cx.automationId,
			name: cx.t(this.text).name,
			description: cx.t(this.text).description,
			status: 'draft',
			entry: 'multiple',
			triggers: [{ id: 'subscribed', kind: 'list.subscribed', list, runs: 'once' }],
			steps: chain([
				{ id: 'send-hello', kind: 'email.send', email: hello },
				{ id: 'wait-2d', kind: 'wait', wait: { mode: 'period', for: { days: 2 } } },
				{ id: 'opened', kind: 'if_else', conditions: { kind: 'action', action: 'opened', op: 'has', email: hello }, yes: 'send-tips', no: 'send-reminder' },
				{ id: 'send-tips', kind: 'email.send', email: tips, next: 'wait-3d' },
				{ id: 'send-reminder', kind: 'email.send', email: reminder, next: 'wait-3d' },
				{ id: 'wait-3d', kind: 'wait', wait: { mode: 'period', for: { days: 3 } } },
				{ id: 'send-offer', kind: 'email.send', email: offer },
				{ id: 'became-customer', kind: 'goal', label: cx.t({ en: 'Became a customer', fr: 'Devenu client' }), conditions: { kind: 'tag', op: 'has', tag: customer }, ifUnmet: 'continue' }
			])
		};
	}
};
