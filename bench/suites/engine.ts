/**
 * Engine suite: the benchmark journey on 10k and 100k contacts, run by our Engine (trace on), by
 * XState v5 (one actor per contact) and by a hand-written event loop (the floor), all in this
 * process. Each contestant runs once at 10k to warm up; then each size is measured 3 times,
 * contestants interleaved, a full GC before each run, and the median is reported. Every run is
 * verified against the expected sends, tags, activities and trace before its time counts.
 * State bytes per waiting contact: heap (and typed-array) growth, after GC, from before to after
 * entering all N contacts into the first wait, trace off.
 */
import type { Row, Suite, SuiteOptions, Target } from '../lib/suite';
import { formatCell } from '../lib/table';
import { median, memoryAfterGc, repeat, type Timings } from '../lib/measure';
import type { Contestant } from '../journey/contestant';
import { verify } from '../journey/outcome';
import { scenario, type Scenario } from '../journey/scenario';
import { engineContestant } from '../journey/engine';
import { xstateContestant } from '../peers/xstate';
import { floorContestant } from '../peers/floor';

const CONTESTANTS: Contestant[] = [engineContestant, xstateContestant, floorContestant];
const REPS = 3;

/** The targets the engine is held to (measured at 100k; `--quick` measures 10k and skips the wall-time one). */
const GOAL = { wallMs: 250, vsXstate: 25, vsFloor: 2, bytesPerWaiting: 256 };

function trialOf(c: Contestant, s: Scenario) {
	return {
		setup: () => c.prepare(s, true),
		body(i: ReturnType<Contestant['prepare']>, lap: (name: string) => void) {
			i.enter();
			lap('enter');
			i.deliver();
			lap('opens');
			i.finish();
			lap('clock');
		},
		check: (i: ReturnType<Contestant['prepare']>) => verify(s, i.outcome(), c.name)
	};
}

/** Bytes of state per contact held at the first wait (trace off): heap and ArrayBuffer growth. */
function stateBytes(c: Contestant, s: Scenario): { heap: number; total: number } {
	const inst = c.prepare(s, false);
	const before = memoryAfterGc();
	inst.enter();
	const after = memoryAfterGc();
	// Finishing the script keeps the instance alive through the measurement and checks it too.
	inst.deliver();
	inst.finish();
	verify(s, inst.outcome(), `${c.name} (trace off)`);
	const heap = after.heap - before.heap;
	return { heap: heap / s.n, total: (heap + after.buffers - before.buffers) / s.n };
}

function label(n: number): string {
	return n >= 1000 ? `${n / 1000}k` : String(n);
}

async function run(opts: SuiteOptions = { quick: false }): Promise<Row[]> {
	const sizes = opts.quick ? [10_000] : [10_000, 100_000];
	const warm = scenario(10_000);
	for (const c of CONTESTANTS) await repeat(trialOf(c, warm), 0, 1);

	const timings = new Map<string, Timings>();
	for (const n of sizes) {
		const s = n === warm.n ? warm : scenario(n);
		for (let rep = 0; rep < REPS; rep++)
			for (const c of CONTESTANTS) {
				const t = await repeat(trialOf(c, s), 1);
				const key = `${c.name}@${n}`;
				const acc = timings.get(key);
				if (!acc) timings.set(key, t);
				else {
					acc.total.push(...t.total);
					acc.cpu.push(...t.cpu);
					acc.gc.push(...t.gc);
					for (const [k, v] of Object.entries(t.laps)) acc.laps[k].push(...v);
				}
			}
	}
	const big = sizes[sizes.length - 1];
	const bigScenario = scenario(big);
	const bytes = new Map(CONTESTANTS.map((c) => [c.name, stateBytes(c, bigScenario)]));

	const ms = (name: string, n: number) => median(timings.get(`${name}@${n}`)!.total);
	const rows: Row[] = [];
	for (const n of sizes)
		for (const c of CONTESTANTS) {
			const t = timings.get(`${c.name}@${n}`)!;
			const wall = median(t.total);
			const b = n === big ? bytes.get(c.name)! : null;
			rows.push({
				name: `${c.name} ${label(n)}`,
				values: {
					'wall ms': wall,
					'min ms': Math.min(...t.total),
					'cpu ms': median(t.cpu),
					'GC ms': median(t.gc),
					'enter/opens/clock ms': ['enter', 'opens', 'clock'].map((k) => formatCell(median(t.laps[k]))).join(' / '),
					'contacts/s': (n / wall) * 1000,
					'× floor': wall / ms('floor', n),
					'engine speedup': c.name === 'engine' ? ms('xstate', n) / wall : null,
					'B/waiting heap': b ? b.heap : null,
					'B/waiting +arrays': b ? b.total : null
				}
			});
		}
	const engineRow = rows.find((r) => r.name === `engine ${label(big)}`)!;
	const targets: Target[] = [
		{ label: `engine wall ms, 100k, trace on`, value: big === 100_000 ? ms('engine', big) : null, op: '<', limit: GOAL.wallMs, unit: 'ms' },
		{ label: `engine speedup vs xstate, ${label(big)}`, value: ms('xstate', big) / ms('engine', big), op: '>=', limit: GOAL.vsXstate, unit: '×' },
		{ label: `engine time / floor time, ${label(big)}`, value: ms('engine', big) / ms('floor', big), op: '<=', limit: GOAL.vsFloor, unit: '×' },
		{ label: `engine state bytes per waiting contact, ${label(big)}, trace off`, value: bytes.get('engine')!.total, op: '<=', limit: GOAL.bytesPerWaiting, unit: 'B' }
	];
	engineRow.targets = targets;
	return rows;
}

export const suite: Suite = {
	name: 'engine',
	title: `the journey on N contacts: our Engine vs XState v5 vs a hand-written loop, trace on, median of ${REPS} (cpu: all threads; B/waiting: trace off, Δ after GC ÷ N, heap only / plus typed-array buffers)`,
	run
};
export default suite;
