/**
 * Golden reports: every example scenario is run again and its report compared with the stored
 * one. A behaviour change shows as a readable diff; rewrite the files with UPDATE_GOLDEN=1.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/lib/format/simulate';
import { formatDiagnostic } from '../../../src/lib/format/diagnostics';
import { firstDifference } from './diff';
import { fs, proc, readText, ROOT } from './node';

const SCENARIOS = 'tests/fixtures/scenarios';
const GOLDEN = 'tests/fixtures/golden';
const update = proc.env.UPDATE_GOLDEN === '1';
const names = fs
	.readdirSync(`${ROOT}/${SCENARIOS}`)
	.filter((f) => f.endsWith('.json'))
	.map((f) => f.slice(0, -'.json'.length))
	.sort();

describe('golden scenario reports', () => {
	it('has the example scenarios', () => {
		expect(names).toEqual(expect.arrayContaining(['abandoned-cart-goal', 'birthday', 'lead-scoring-to-deal', 'reengagement-goto-loop', 'welcome-series']));
	});

	for (const name of names) {
		it(name, () => {
			const sim = simulate(readText(`${SCENARIOS}/${name}.json`));
			if (!sim.ok) throw new Error(`${name}.json does not run:\n${sim.diagnostics.map(formatDiagnostic).join('\n')}`);
			const failed = sim.report.expectations.filter((x) => !x.passed).map((x) => `expect[${x.index}] ${x.expected}: ${x.message}`);
			expect(failed, 'every expectation of an example scenario passes').toEqual([]);
			const actual = JSON.stringify(sim.report, null, 2) + '\n';
			const file = `${ROOT}/${GOLDEN}/${name}.report.json`;
			if (update) {
				fs.writeFileSync(file, actual);
				return;
			}
			if (!fs.existsSync(file)) throw new Error(`${GOLDEN}/${name}.report.json is missing: run UPDATE_GOLDEN=1 npx vitest run tests/unit/format/golden.test.ts`);
			const diff = firstDifference(fs.readFileSync(file, 'utf8'), actual);
			if (diff) throw new Error(`${name}: the report differs from ${GOLDEN}/${name}.report.json\n${diff}\n(if the change is intended: UPDATE_GOLDEN=1 npx vitest run tests/unit/format/golden.test.ts)`);
		});
	}
});

describe('golden diffs', () => {
	it('show the first differing lines with context', () => {
		const a = ['{', '  "a": 1,', '  "b": 2,', '  "c": 3,', '  "d": 4', '}'].join('\n');
		const b = ['{', '  "a": 1,', '  "b": 20,', '  "c": 3,', '  "d": 4', '}'].join('\n');
		expect(firstDifference(a, b, 1)).toBe(['first difference at line 3:', '    2    "a": 1,', '  - 3    "b": 2,', '  + 3    "b": 20,'].join('\n'));
		expect(firstDifference(a, a)).toBeNull();
	});
});
