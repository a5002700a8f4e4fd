// Playwright e2e config: runs tests/e2e against the built app (build/) served by
// scripts/serve.mjs, using Debian's Chromium (never `npx playwright install`).
// Build first (`npm run build`) or just use `npm test`, which builds when needed.
import { defineConfig, devices } from '@playwright/test';

const CI = !!process.env.CI;
const PORT = Number(process.env.E2E_PORT || 4317);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/',
	fullyParallel: false,
	forbidOnly: CI,
	retries: 0,
	workers: CI ? 1 : 2,
	reporter: 'list',
	timeout: 30_000,
	expect: { timeout: 5_000 },
	use: {
		baseURL: BASE_URL,
		headless: true,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	webServer: {
		command: `node scripts/serve.mjs --root build --port ${PORT} --strict-port`,
		url: BASE_URL,
		reuseExistingServer: !CI,
		timeout: 30_000,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
