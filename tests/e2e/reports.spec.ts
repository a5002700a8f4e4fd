// Reports of an A/B test as a workshop would run it: a scenario file (contacts subscribing, an A/B
// email, scripted opens) run to its end; the reports give the funnel, the paths and the A/B
// verdict backed by the z-test, in English and in French; the facilitator ranks the variants.
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { openShell } from './support/shell';

test.use({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 720 } });

const N = 120;
const contacts = Array.from({ length: N }, (_, i) => ({ id: `p${i}`, email: `p${i}@example.com`, firstName: `P${i}` }));
const script = [
	// Subscriptions one minute apart: variants alternate A, B, A, B…
	...contacts.map((c, i) => ({ at: `+${i + 1}m`, event: 'list.subscribed', contact: c.id, list: 'news' })),
	// 10 of the 60 A contacts open, 30 of the 60 B contacts.
	...contacts.flatMap((c, i) => ((i % 2 === 0 && i % 12 === 0) || (i % 2 === 1 && i % 4 === 1) ? [{ at: '+3h', event: 'email.opened', contact: c.id, email: i % 2 === 0 ? 'subject-a' : 'subject-b' }] : []))
];
const SCENARIO = {
	format: 'journey-studio/scenario',
	version: 1,
	name: 'Subject line test',
	description: 'Two subject lines for the spring launch, tested on 120 subscribers.',
	start: '2026-03-02T09:00:00Z',
	seed: 5,
	workspace: {
		format: 'journey-studio/workspace',
		version: 1,
		name: 'Spring launch',
		timeZone: 'Europe/Paris',
		lists: [{ id: 'news', name: 'Newsletter' }],
		emails: [
			{ id: 'subject-a', name: 'Spring (plain subject)', subject: 'Our spring roasts are here', body: '<p>New roasts.</p>' },
			{ id: 'subject-b', name: 'Spring (question subject)', subject: '%FIRSTNAME%, ready for spring?', body: '<p>New roasts.</p>' },
			{ id: 'thanks', name: 'Thanks for reading', subject: 'A little gift', body: '<p>Thanks!</p>' }
		],
		contacts,
		automations: [
			{
				id: 'launch',
				name: 'Spring launch',
				status: 'active',
				triggers: [{ id: 'sub', kind: 'list.subscribed', list: 'news', runs: 'once' }],
				steps: [
					{ id: 'announce', kind: 'email.send', email: 'subject-a', abTest: { variants: ['subject-b'], winnerBy: 'opens', decideAfter: { days: 30 } }, next: 'wait' },
					{ id: 'wait', kind: 'wait', wait: { mode: 'period', for: { days: 1 } }, next: 'opened' },
					{ id: 'opened', kind: 'if_else', label: 'Opened the announcement?', conditions: { kind: 'action', action: 'opened', op: 'has' }, yes: 'thanks', no: null },
					{ id: 'thanks', kind: 'email.send', email: 'thanks' }
				]
			}
		]
	},
	script,
	until: '+3d',
	expect: [{ outbox: { step: 'announce', count: N } }, { step: 'launch/thanks', entered: 40 }]
};

test('the A/B verdict, funnel and paths of a scenario, in English and French; the facilitator leaderboard', async ({ page }) => {
	test.setTimeout(150_000);
	await openShell(page);
	await page.getByTestId('workspace-switcher').selectOption('__new');
	const create = page.getByRole('dialog', { name: 'New simulation workspace' });
	await create.getByLabel('Name').fill('Subject line test');
	await create.getByLabel('A scenario file (workspace + script)').check();
	await create.getByLabel('Choose a file').setInputFiles({ name: 'subject-test.scenario.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(SCENARIO)) });
	await create.getByRole('button', { name: 'Create', exact: true }).click();
	await page.getByTestId('scenario-run').click();
	await expect(page.getByTestId('scenario-result')).toHaveText('All 2 expectations met', { timeout: 60_000 });

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
	await expect(page.getByTestId('report-automation')).toHaveValue('launch');

	// The A/B test: rates per variant and the verdict of the z-test (10/60 against 30/60: p ≈ 0.0001).
	const ab = page.locator('[data-testid="test-card"][data-step="announce"]');
	await expect(ab.getByTestId('verdict')).toHaveText(
		'Variant B wins on open rate: 50% against 16.7% for Variant A. The difference is statistically significant (p < 0.001, 99.9% confidence).'
	);
	await ab.getByText('Show the data').click();
	await expect(ab.getByTestId('test-table').locator('tbody tr')).toHaveText([
		/^Variant A\s*Spring \(plain subject\)\s*60\s*10\s*16\.7%\s*reference$/,
		/^Variant B\s*Spring \(question subject\)\s*60\s*30\s*50%\s*\+33\.3 pts · p < 0\.001$/
	]);
	// The chart draws the rates of the table (as percentages), and follows the chosen measure.
	await expect(ab.getByRole('img')).toHaveAttribute('data-drawn', '[[16.7,50]]');
	await ab.getByLabel('Measure').selectOption({ label: 'Click rate' });
	await expect(ab.getByTestId('verdict')).toHaveText('Variant A and Variant B are tied on click rate (0%).');
	await expect(ab.getByRole('img')).toHaveAttribute('data-drawn', '[[0,0]]');
	await ab.getByLabel('Measure').selectOption({ label: 'Open rate' });

	// The funnel and the paths of the if/else.
	const funnel = page.getByTestId('funnel-chart');
	await expect(funnel.getByRole('img')).toHaveAttribute('data-drawn', '[[120,120,120,120,40,120]]');
	await funnel.getByText('Show the data').click();
	await expect(funnel.getByTestId('funnel-table').locator('tbody tr')).toHaveText([
		/^Entered\s*120\s*100%$/,
		/^Send an email · Spring \(plain subject\)\s*120\s*100%$/,
		/^Wait 1 day\s*120\s*100%$/,
		/^Opened the announcement\?\s*120\s*100%$/,
		/^Send an email · Thanks for reading\s*40\s*33\.3%$/,
		/^Completed\s*120\s*100%$/
	]);
	const paths = page.locator('[data-testid="path-report"][data-step="opened"]');
	await expect(paths).toContainText('At Opened the announcement?, the best path is “Yes” with 100%.');
	await ab.scrollIntoViewIfNeeded();
	await saveScreen(page, 'reports-ab-test');

	// The facilitator ranks variant B first on opens.
	await page.getByRole('link', { name: 'Facilitator screen' }).click();
	const rows = page.getByTestId('leaderboard-row');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toContainText('Variant B');
	await expect(rows.nth(0)).toContainText('50%');
	await expect(page.getByTestId('leaderboard-test').first()).toContainText('A clear winner.');
	await expect(page.locator('[data-testid="flow-step"][data-step="thanks"] [data-testid="count-entered"]')).toHaveText('40');
	await saveScreen(page, 'workshop-leaderboard');

	// In French.
	await page.getByRole('link', { name: 'Back to reports' }).click();
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
	await page.getByLabel('Language').selectOption('fr');
	await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Rapports' }).click();
	await expect(page.getByRole('heading', { name: 'Rapports', level: 1 })).toBeVisible();
	await expect(page.locator('[data-testid="test-card"][data-step="announce"]').getByTestId('verdict')).toHaveText(
		'Variante B l’emporte (taux d’ouverture) : 50 % contre 16,7 % pour Variante A. La différence est statistiquement significative (p < 0,001, confiance de 99,9 %).'
	);
	const fr = page.getByTestId('funnel-chart');
	await fr.getByText('Afficher les données').click();
	await expect(fr.getByTestId('funnel-table').locator('tbody tr').first()).toHaveText(/^Entrées\s*120\s*100\s*%$/);
	await saveScreen(page, 'reports-fr');
});
