/** `npm run simulate`: exit codes, output and error lines, run as a real process. */
import { afterAll, describe, expect, it } from 'vitest';
import { fs, os, runCli } from './node';
import { scenario, text } from './samples';

const dir = fs.mkdtempSync(`${os.tmpdir()}/simulate-`);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
	const path = `${dir}/${name}`;
	fs.writeFileSync(path, content);
	return path;
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('simulate CLI', () => {
	it('exits 0 and prints the JSON report when every expectation holds', () => {
		const r = runCli(['tests/fixtures/scenarios/welcome-series.json']);
		expect(r.status).toBe(0);
		const report = JSON.parse(r.stdout);
		expect(report.format).toBe('journey-studio/report');
		expect(report.passed).toBe(true);
		expect(r.stderr).toBe('');
	});

	it('exits 1 and lists the failed expectations', () => {
		const sc = scenario({ expect: [{ contact: 'c1', hasTag: 'vip' }, { contact: 'c1', hasTag: 'greeted' }, { step: 'flow/send', entered: 5 }] });
		const r = runCli([file('failing.json', text(sc))]);
		expect(r.status).toBe(1);
		expect(JSON.parse(r.stdout).passed).toBe(false);
		expect(r.stderr).toBe(
			[
				'2 expectations failed:',
				'  ✗ expect[0] c1 has tag "vip": contact "c1" lacks tag "vip" (tags: ["greeted"])',
				'  ✗ expect[2] flow/send entered = 5: step "flow/send": entered is 2, expected 5',
				''
			].join('\n')
		);
	});

	it('exits 2 with "path: message (help)" lines for a bad file, and runs nothing', () => {
		const sc = scenario();
		sc.workspace.automations[0].steps[1].kind = 'tag.ad';
		sc.workspace.automations[0].steps[2].wait.for = { days: -1 };
		const path = file('bad.json', text(sc));
		const r = runCli([path]);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		const lines = r.stderr.trim().split('\n');
		expect(lines[0]).toBe(`${path}: 2 problems; nothing was run.`);
		expect(lines[1]).toMatch(new RegExp(`^${path}: workspace\\.automations\\[0\\]\\.steps\\[1\\]\\.kind: unknown step kind "tag\\.ad" \\(Did you mean "tag\\.add"\\? Valid step kinds: .+\\) \\[line \\d+, column \\d+\\]$`));
		expect(lines[2]).toMatch(new RegExp(`^${path}: workspace\\.automations\\[0\\]\\.steps\\[2\\]\\.wait\\.for\\.days: must be at least 0 \\(got -1\\) \\(.+\\) \\[line \\d+, column \\d+\\]$`));
		noStack(r.stderr);
	});

	it('exits 2 for malformed JSON with its line and column', () => {
		const path = file('broken.json', '{\n  "format": "journey-studio/scenario",\n  "version": 1,\n}\n');
		const r = runCli([path]);
		expect(r.status).toBe(2);
		expect(r.stderr).toContain(`${path}: line 4, column 1: trailing comma before "}" (Remove the comma after the last property.)`);
		noStack(r.stderr);
	});

	it('exits 2 for a missing file and for bad arguments', () => {
		const missing = runCli([`${dir}/nope.json`]);
		expect(missing.status).toBe(2);
		expect(missing.stderr).toBe(`${dir}/nope.json: cannot read the file (no such file)\n`);
		const none = runCli([]);
		expect(none.status).toBe(2);
		expect(none.stderr).toMatch(/^no scenario file given\nusage: npm run simulate -- <scenario.json>/);
		expect(runCli(['a.json', '--bogus']).stderr).toMatch(/^unknown option --bogus/);
	});

	it('writes --out, prints a summary on stderr, and honours --no-trace', () => {
		const out = `${dir}/report.json`;
		const r = runCli(['tests/fixtures/scenarios/birthday.json', '--out', out, '--no-trace']);
		expect(r.status).toBe(0);
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(/^Birthday gift: 2026-03-01T00:00:00.000Z → .+\(seed 3\)\n/);
		expect(r.stderr).toContain('expectations: 9/9 passed');
		expect(r.stderr).toContain(`report written to ${out}`);
		const report = JSON.parse(fs.readFileSync(out, 'utf8'));
		expect(report.trace).toEqual([]);
		expect(report.contacts.length).toBe(6);
	});
});
