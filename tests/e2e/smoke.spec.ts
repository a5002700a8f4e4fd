// Smoke test: the built app boots, renders its heading and logs no errors
// (console/page errors are also asserted by the shared fixture after each test).
import { test, expect } from './support/fixtures';
import { openApp, saveScreen } from './support/app';

test('home page renders without console errors', async ({ page, consoleErrors }) => {
	await openApp(page, '/');

	const heading = page.getByRole('heading', { level: 1 }).first();
	await expect(heading).toBeVisible();
	await expect(heading).not.toBeEmpty();

	await saveScreen(page, 'smoke-home');
	expect(consoleErrors).toEqual([]);
});

test('unknown paths get the SPA shell (fallback index.html)', async ({ request }) => {
	const response = await request.get('/__smoke/client-only/route', {
		headers: { accept: 'text/html' }
	});
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('text/html');
	expect(response.headers()['cache-control']).toBe('no-cache');
	expect(await response.text()).toContain('__sveltekit');
});
