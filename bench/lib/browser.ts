/**
 * Headless Chromium for the browser suites: Debian's build (`CHROMIUM_PATH`, default
 * /usr/bin/chromium) with the flags every suite needs, plus the suite's own.
 */
import { chromium, type Browser } from '@playwright/test';

const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Launches Chromium with the common flags and `extra` ones. */
export function launchChromium(extra: string[] = []): Promise<Browser> {
	return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: [...BASE_ARGS, ...extra] });
}
