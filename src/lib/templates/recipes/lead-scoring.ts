/** Lead scoring to deal: when a contact's score crosses a threshold, open a deal and tell the team. */
import { chain, type Recipe } from './kit';

export const leadScoringToDeal: Recipe = {
	id: 'lead-scoring-to-deal',
	needs: 'plus',
	addons: ['pipelines'],
	text: {
		en: { name: 'Lead scoring to deal', description: 'When a contact’s score goes above 50, a deal is opened in the pipeline (unless one is open already), a follow-up task is added and the team is notified.' },
		fr: { name: 'Du score à l’affaire', description: 'Quand le score d’un contact dépasse 50, une affaire est ouverte dans le pipeline (sauf s’il en a déjà une), une tâche de relance est ajoutée et l’équipe est prévenue.' }
	},
	build(cx) {
		const model = cx.scoring({ id: 'engagement', name: cx.t({ en: 'Engagement', fr: 'Engagement' }), target: 'contact' });
		const pipeline = cx.pipeline({
			id: 'sales',
			name: cx.t({ en: 'Sales', fr: 'Ventes' }),
			stages: cx.t({
				en: [
					{ id: 'qualified', name: 'Qualified' },
					{ id: 'meeting', name: 'Meeting booked' },
					{ id: 'proposal', name: 'Proposal' },
					{ id: 'won', name: 'Won' }
				],
				fr: [
					{ id: 'qualified', name: 'Qualifié' },
					{ id: 'meeting', name: 'Rendez-vous pris' },
					{ id: 'proposal', name: 'Proposition' },
					{ id: 'won', name: 'Gagné' }
				]
			})
		});
		const owner = cx.user({ id: 'sales', name: cx.t({ en: 'Sales team', fr: 'Équipe commerciale' }), email: 'sales@example.com' });
		const hot = cx.tag(cx.t({ en: 'hot lead', fr: 'lead chaud' }));
		return {
			id: cx.automationId,
			name: cx.t(this.text).name,
			description: cx.t(this.text).description,
			status: 'draft',
			entry: 'multiple',
			triggers: [{ id: 'score-over-50', kind: 'score.changed', model, direction: 'above', threshold: 50, runs: 'every' }],
			steps: chain([
				{ id: 'has-deal', kind: 'if_else', conditions: { kind: 'deal', op: 'has', pipeline: pipeline.id, status: 'open' }, yes: null, no: 'tag-hot' },
				{ id: 'tag-hot', kind: 'tag.add', tag: hot },
				{ id: 'open-deal', kind: 'deal.add', pipeline: pipeline.id, stage: pipeline.stage, title: '%FIRSTNAME% %LASTNAME%', value: 0, currency: 'EUR', owner },
				{ id: 'follow-up', kind: 'deal.task_add', type: 'call', title: cx.t({ en: 'Call %FIRSTNAME%', fr: 'Appeler %FIRSTNAME%' }), due: { days: 2 }, assignee: 'deal_owner' },
				{
					id: 'notify',
					kind: 'notification.internal',
					to: owner,
					subject: cx.t({ en: 'New hot lead: %FIRSTNAME% %LASTNAME%', fr: 'Nouveau lead chaud : %FIRSTNAME% %LASTNAME%' }),
					body: cx.t({ en: '<p>%FIRSTNAME% %LASTNAME% (%EMAIL%) crossed the score threshold. A deal and a call task were created.</p>', fr: '<p>%FIRSTNAME% %LASTNAME% (%EMAIL%) a franchi le seuil de score. Une affaire et une tâche d’appel ont été créées.</p>' })
				}
			])
		};
	}
};
