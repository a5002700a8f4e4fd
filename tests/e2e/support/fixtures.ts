// Shared Playwright fixtures. Import `test`/`expect` from here instead of
// '@playwright/test': every test then fails on any browser console error or
// uncaught page error (checked after the test body has run).
//
// Tolerate a known error per file/describe: test.use({ allowedConsoleErrors: [/pattern/] })
// Assert on errors yourself: read (or empty, e.g. `consoleErrors.length = 0`) the `consoleErrors` fixture.
import { test as base, expect } from '@playwright/test';
import type { ConsoleMessage } from '@playwright/test';

/** One console error or uncaught exception captured from the page. */
export interface ConsoleIssue {
	kind: 'console' | 'pageerror';
	text: string;
	/** Source location (url:line) for console messages, stack for page errors. */
	where?: string;
}

/** Options and fixtures added on top of Playwright's built-ins. */
export interface ConsoleFixtures {
	/** Patterns (substring or RegExp) of console/page errors that must not fail the test. */
	allowedConsoleErrors: (string | RegExp)[];
	/** Errors collected from `page` so far (mutable). */
	consoleErrors: ConsoleIssue[];
}

/** Formats a console message location as `url:line:col`. */
function locationOf(msg: ConsoleMessage): string | undefined {
	const { url, lineNumber, columnNumber } = msg.location();
	return url ? `${url}:${lineNumber}:${columnNumber}` : undefined;
}

/** Playwright `test` that fails on console errors / page errors. */
export const test = base.extend<ConsoleFixtures>({
	allowedConsoleErrors: [[], { option: true }],

	consoleErrors: async ({}, use) => {
		await use([]);
	},

	page: async ({ page, consoleErrors, allowedConsoleErrors }, use, testInfo) => {
		page.on('console', (msg) => {
			if (msg.type() === 'error') {
				consoleErrors.push({ kind: 'console', text: msg.text(), where: locationOf(msg) });
			}
		});
		page.on('pageerror', (err) => {
			consoleErrors.push({ kind: 'pageerror', text: err.message, where: err.stack });
		});

		await use(page);

		const allowed = (issue: ConsoleIssue) =>
			allowedConsoleErrors.some((p) =>
				typeof p === 'string' ? issue.text.includes(p) : p.test(issue.text)
			);
		const unexpected = consoleErrors.filter((issue) => !allowed(issue));
		if (unexpected.length > 0) {
			await testInfo.attach('console-errors.json', {
				body: JSON.stringify(unexpected, null, 2),
				contentType: 'application/json'
			});
		}
		expect(
			unexpected.map((i) => `[${i.kind}] ${i.text}`),
			'browser console errors / uncaught page errors'
		).toEqual([]);
	}
});

export { expect };
