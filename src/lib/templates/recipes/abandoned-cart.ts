/** Abandoned cart: a reminder an hour after the cart is left, a discount the next day; buying ends it. */
import { chain, type Recipe } from './kit';

export const abandonedCart: Recipe = {
	id: 'abandoned-cart',
	needs: 'plus',
	text: {
		en: { name: 'Abandoned cart', description: 'When the site records a "cart_abandoned" event, the contact gets a reminder an hour later and a discount the next day, unless a "purchase" event arrives first.' },
		fr: { name: 'Panier abandonné', description: 'Quand le site enregistre l’événement « cart_abandoned », le contact reçoit un rappel une heure plus tard puis une remise le lendemain, sauf si l’événement « purchase » arrive avant.' }
	},
	build(cx) {
		const remind = cx.email('reminder', {
			en: { name: 'Cart reminder', subject: 'You left something in your cart', preheader: 'Your items are still waiting', body: '<p>Hi %FIRSTNAME%, your cart is saved. <a href="https://example.com/cart">Finish your order</a> whenever you are ready.</p>' },
			fr: { name: 'Rappel panier', subject: 'Vous avez oublié quelque chose dans votre panier', preheader: 'Vos articles vous attendent', body: '<p>Bonjour %FIRSTNAME%, votre panier est sauvegardé. <a href="https://example.com/cart">Finalisez votre commande</a> quand vous voulez.</p>' }
		});
		const discount = cx.email('discount', {
			en: { name: 'Cart discount', subject: '5% off to complete your order', preheader: 'Code CART5, valid 48 hours', body: '<p>Still thinking it over? Here is <b>5% off</b> with code <b>CART5</b>, valid for 48 hours.</p>' },
			fr: { name: 'Remise panier', subject: '-5 % pour finaliser votre commande', preheader: 'Code PANIER5, valable 48 heures', body: '<p>Encore en réflexion ? Voici <b>-5 %</b> avec le code <b>PANIER5</b>, valable 48 heures.</p>' }
		});
		const purchased = { kind: 'event', op: 'recorded', name: 'purchase', within: { days: 2 } };
		return {
			id: cx.automationId,
			name: cx.t(this.text).name,
			description: cx.t(this.text).description,
			status: 'draft',
			entry: 'multiple',
			triggers: [{ id: 'cart-abandoned', kind: 'event.recorded', name: 'cart_abandoned', runs: 'every' }],
			steps: chain([
				{ id: 'wait-1h', kind: 'wait', wait: { mode: 'period', for: { hours: 1 } } },
				{ id: 'send-reminder', kind: 'email.send', email: remind },
				{ id: 'wait-1d', kind: 'wait', wait: { mode: 'period', for: { days: 1 } } },
				{ id: 'send-discount', kind: 'email.send', email: discount },
				{ id: 'bought', kind: 'goal', label: cx.t({ en: 'Purchased', fr: 'A acheté' }), conditions: purchased, ifUnmet: 'end' }
			])
		};
	}
};
