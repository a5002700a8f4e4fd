/**
 * Measurement helpers shared by suites: a forced full GC, heap figures after GC, a monotonic
 * timer, medians, and a repeat loop that keeps setup and verification out of the timed section.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

let gcFn: (() => void) | null = null;

/** A full, synchronous garbage collection. Works without `--expose-gc` too (slower to set up, same effect). */
export function gc(): void {
	if (!gcFn) {
		const g = (globalThis as { gc?: () => void }).gc;
		if (g) gcFn = g;
		else {
			// Fallback when the runner was started without --expose-gc.
			setFlagsFromString('--expose-gc');
			gcFn = runInNewContext('gc') as () => void;
		}
	}
	// Twice: the first pass may leave objects kept alive by weak references and finalizers.
	gcFn();
	gcFn();
}

/** Bytes in use after a full GC: the JS heap, plus ArrayBuffer backing stores (typed arrays live outside the heap). */
export function memoryAfterGc(): { heap: number; buffers: number } {
	gc();
	const m = process.memoryUsage();
	return { heap: m.heapUsed, buffers: m.arrayBuffers };
}

/** Milliseconds on a monotonic clock. */
export function nowMs(): number {
	return performance.now();
}

/** Median of a non-empty list. */
export function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One timed repetition: `setup` and `check` run untimed, `body` is timed after a full GC. */
export interface Trial<S> {
	setup(): S;
	/** The timed work; `lap(name)` records the time since the previous lap (or the start) under `name`. */
	body(state: S, lap: (name: string) => void): void;
	/** Throws when the result is wrong, so that a broken contestant cannot post a good time. */
	check(state: S): void;
}

/** Timings of the measured repetitions, in milliseconds. */
export interface Timings {
	total: number[];
	/** CPU time of the process (all threads, so parallel GC included) during the timed section. */
	cpu: number[];
	/** Garbage-collection pauses inside the timed section, per repetition. */
	gc: number[];
	/** Per lap name, one figure per repetition. */
	laps: Record<string, number[]>;
}

let gcEntries: PerformanceEntry[] = [];
let observer: PerformanceObserver | null = null;

/** Milliseconds of GC pauses that started in [from, to) (entries arrive asynchronously: await `settle` first). */
function gcBetween(from: number, to: number): number {
	let ms = 0;
	for (const e of gcEntries) if (e.startTime >= from && e.startTime < to) ms += e.duration;
	gcEntries = gcEntries.filter((e) => e.startTime >= to);
	return ms;
}

/** Lets pending performance entries (GC pauses) reach the observer (they are queued behind a timer, not an immediate). */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 20));

/** Runs `reps` trials, after `warmup` ones that are checked but not kept, with a full GC before each. */
export async function repeat<S>(trial: Trial<S>, reps: number, warmup = 0): Promise<Timings> {
	if (!observer) {
		observer = new PerformanceObserver((list) => gcEntries.push(...list.getEntries()));
		observer.observe({ entryTypes: ['gc'] });
	}
	const out: Timings = { total: [], cpu: [], gc: [], laps: {} };
	for (let i = 0; i < warmup + reps; i++) {
		let state: S | null = trial.setup();
		const laps: [string, number][] = [];
		gc();
		await settle();
		gcEntries = [];
		const cpu0 = process.cpuUsage();
		const t0 = nowMs();
		let last = t0;
		trial.body(state, (name) => {
			const t = nowMs();
			laps.push([name, t - last]);
			last = t;
		});
		const t1 = nowMs();
		const cpu = process.cpuUsage(cpu0);
		await settle();
		const gcMs = gcBetween(t0, t1);
		trial.check(state);
		state = null;
		if (i < warmup) continue;
		out.total.push(t1 - t0);
		out.cpu.push((cpu.user + cpu.system) / 1000);
		out.gc.push(gcMs);
		for (const [name, t] of laps) (out.laps[name] ??= []).push(t);
	}
	gc();
	return out;
}
