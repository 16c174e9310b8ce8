// Exhaustive search: the recognizer ladder 2, −2, 1/2 end to end (fresh searches in this process; the first is
// cold, JIT included), against a baseline in the same run that builds every level up to the answer's size
// (deduplicated, no meet-in-the-middle); x + y (binary, K = 19); one vs two shard threads on hypot(x, y); and the
// bootstrap of {1, EML}. Figures of other programs are printed with their provenance (referenceFigures.ts): they
// are not measured here. The thread comparison prints wall times, each thread's CPU time and the load average:
// wall-time ratios mean something only on an otherwise idle machine, the CPU figures also on a busy one.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { verifyBasis } from '../src/core/search/bootstrap';
import { type CompiledLanguage, compileLanguage, computeFeaturesInto } from '../src/core/search/compiledLanguage';
import { Enumerator } from '../src/core/search/enumerate';
import { FeatureBatch } from '../src/core/search/featureBatch';
import { pureEmlLanguage } from '../src/core/search/language';
import { searchProbes } from '../src/core/search/probes';
import { recognize } from '../src/core/search/recognize';
import { constantTarget, functionTarget } from '../src/core/search/target';
import type { Semantics } from '../src/core/semantics';
import { ParallelBackend } from '../src/node/search/parallelBackend';
import { threadCpuMs } from '../src/node/threadCpu';
import { REFERENCE, cite } from './referenceFigures';

const now = () => performance.now();
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () => loadavg()[0]!.toFixed(1);

/** Seconds to recognize each constant of the ladder (fresh search each) and their K. */
async function ladder(semantics: Semantics): Promise<{ ms: number; Ks: number[] }> {
  const t0 = now();
  const Ks: number[] = [];
  for (const c of ['2', '-2', '1/2']) Ks.push((await recognize({ target: constantTarget(c), semantics, now })).K ?? -1);
  return { ms: now() - t0, Ks };
}

/** Milliseconds to build every level up to maxK (the baseline: deduplicated enumeration without meet-in-the-middle). */
function fullLevels(semantics: Semantics, maxK: number): number {
  const t0 = now();
  const en = new Enumerator(compileLanguage(pureEmlLanguage(searchProbes([], 1)), semantics));
  for (let K = 1; K <= maxK; K++) {
    const r = en.grow(K);
    if ('stopped' in r) throw new Error('stopped');
    en.commit(K, r.segments);
  }
  return now() - t0;
}

/**
 * The thread comparison's case (issue H): every K ≤ 19 for hypot(x, y) over {1, x, y} (no tree is found); the
 * environment variable EMLW_BENCH_THREADS_MAX_K=21 runs the next size (about ten times the work, 2.4 GB, so with a
 * 4096 MB budget instead of the default 2048 MB).
 */
const THREADS_MAX_K = threadsMaxK(process.env['EMLW_BENCH_THREADS_MAX_K']);
const THREADS_MEMORY_MB = THREADS_MAX_K > 19 ? 4096 : 2048;
export const THREADS_CASE = `recognize --fn "hypot(x,y)" --leaves 1,x,y --max-k ${THREADS_MAX_K}`
  + (THREADS_MEMORY_MB !== 2048 ? ` --memory ${THREADS_MEMORY_MB}` : '');

/** Reads EMLW_BENCH_THREADS_MAX_K (default 19); anything but a whole number from 1 to 25 is an error naming it. */
function threadsMaxK(text: string | undefined): number {
  if (text === undefined || text === '') return 19;
  const k = Number(text);
  if (!Number.isInteger(k) || k < 1 || k > 25) {
    throw new Error(`EMLW_BENCH_THREADS_MAX_K must be a whole number from 1 to 25, not "${text}"`);
  }
  return k;
}

export interface ThreadRun {
  threads: number;
  wallMs: number;
  /** CPU of this thread (the whole search with one thread; the coordinator and shard 0 with shards). */
  mainCpuMs: number;
  /** CPU of this thread outside its shard's requests (the coordinating; 0 with one thread). */
  coordinatorCpuMs: number;
  /** CPU of each shard thread (empty with one thread). */
  shardCpuMs: number[];
  /** CPU on the critical path: this thread plus, per request, the slowest shard (what an idle machine would wait). */
  pathCpuMs: number;
  /** The levels' distinct counts and the result, to check that both runs agree. */
  outcome: string;
  load: string;
}

/** Runs the thread comparison's case on `threads` threads (1: in this thread, no worker). */
export async function threadRun(threads: number): Promise<ThreadRun> {
  const load0 = load();
  let backend: ParallelBackend | null = null;
  const c0 = threadCpuMs(), t0 = now();
  const r = await recognize({
    target: functionTarget('hypot(x,y)'), leaves: ['1', 'x', 'y'], maxK: THREADS_MAX_K, maxBytes: THREADS_MEMORY_MB * 1024 ** 2,
    semantics: 'extended', now,
    ...(threads > 1 ? { backend: async (c, st) => (backend = await ParallelBackend.start(c, st, threads)) } : {}),
  });
  const wallMs = now() - t0, mainCpuMs = threadCpuMs() - c0;
  const rounds = (backend as ParallelBackend | null)?.rounds ?? [];
  const shardCpuMs = Array.from({ length: threads > 1 ? threads : 0 }, (_, i) => rounds.reduce((a, x) => a + x.cpuMs[i]!, 0));
  // shard 0 runs in this thread: its requests' CPU is part of mainCpuMs
  const local = (backend as ParallelBackend | null)?.localShard;
  const coordinatorCpuMs = local === undefined ? 0 : mainCpuMs - shardCpuMs[local]!;
  const pathCpuMs = (local === undefined ? mainCpuMs : coordinatorCpuMs) + rounds.reduce((a, x) => a + Math.max(...x.cpuMs), 0);
  const outcome = `levels ${r.levels.map((l) => l.distinct).join(',')}; ${r.found ? `K ${r.K}` : `none up to ${r.decidedUpTo}`}`;
  return { threads, wallMs, mainCpuMs, coordinatorCpuMs, shardCpuMs, pathCpuMs, outcome, load: `${load0} → ${load()}` };
}

/** The flag of bench/run.ts that runs threadRun(N) alone and prints it as JSON. */
export const THREAD_RUN_FLAG = '--search-thread-run';

/** Runs threadRun(threads) in a fresh process (cold, as the command runs: no code compiled by earlier runs). */
function freshThreadRun(threads: number): ThreadRun {
  const out = execFileSync(process.execPath, [process.argv[1]!, THREAD_RUN_FLAG, String(threads)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as ThreadRun;
}

/** Returns the printed lines of the thread comparison: `pairs` pairs of runs, 1 thread then 2, each in a fresh process. */
export function threadsReport(pairs = 2): string[] {
  const lines = [`one vs two search threads (with two: shard 0 in the coordinating thread, shard 1 in a shard thread), ${THREADS_CASE}, each run in a fresh process (${availableParallelism()} cores; `
    + `load average over 1 min before → after each run${autogroupNote()}):`];
  for (let p = 0; p < pairs; p++) {
    const one = freshThreadRun(1), two = freshThreadRun(2);
    if (one.outcome !== two.outcome) throw new Error(`1 and 2 threads disagree: ${one.outcome} vs ${two.outcome}`);
    lines.push(`  1 thread: ${s(one.wallMs)} wall, ${s(one.mainCpuMs)} CPU (load ${one.load}); `
      + `2 threads: ${s(two.wallMs)} wall, shards ${two.shardCpuMs.map(s).join(' + ')} CPU, coordinator ${s(two.coordinatorCpuMs)}, critical path ${s(two.pathCpuMs)} (load ${two.load})`);
    lines.push(`    speed-up: wall ${(one.wallMs / two.wallMs).toFixed(2)}x (goal >= 1.5x; meaningful on an idle machine only), `
      + `CPU critical path ${(one.mainCpuMs / two.pathCpuMs).toFixed(2)}x (1-thread CPU / 2-thread critical path); same levels and result: yes (${one.outcome})`);
  }
  return lines;
}

/**
 * Returns a note when Linux schedules by autogroup (one group per setsid): then all threads of one group share one
 * group's CPU share, so on a machine kept busy by other groups a second thread gets no more CPU time than the first.
 */
function autogroupNote(): string {
  try {
    if (readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1') {
      return '; the kernel schedules by autogroup (one per setsid): while other groups keep both cores busy, two threads of one group '
        + 'get no more CPU time together than one, so only an idle machine shows the wall-time speed-up';
    }
  } catch {
    // not Linux, or not readable: nothing to say
  }
  return '';
}

/** Milliseconds to grow every level up to maxK of the language (fresh memory, as a search does); and the values kept. */
function growAll(lang: CompiledLanguage, maxK: number, simd: boolean): { ms: number; kept: number; en: Enumerator } {
  const t0 = now();
  const en = new Enumerator(lang, { simd });
  let kept = 0;
  for (let K = 1; K <= maxK; K++) {
    const r = en.grow(K);
    if ('stopped' in r) throw new Error('stopped');
    en.commit(K, r.segments);
    kept += r.stats.kept;
  }
  return { ms: now() - t0, kept, en };
}

/**
 * The enumeration's node features (exp and ln of every kept value) with the scalar functions and with the SIMD
 * batches, in this process, alternating, best of 3: the features alone (into memory already written once, over the
 * exp features of a stored enumeration as values), and whole enumerations, which also write fresh memory.
 */
export function featuresReport(): string[] {
  const lang = compileLanguage(pureEmlLanguage(searchProbes(['x', 'y'], 2)), 'extended');
  const S = lang.stride, P = lang.probes;
  // values: every value stored up to K 13 (an enumeration that also stores them)
  const withValues = compileLanguage(lang.language, lang.semantics, { values: true });
  const source = growAll(withValues, 13, false).en.store, idOff = withValues.identity * 2 * P, SV = withValues.stride;
  const rows = source.size, values = new Float64Array(rows * 2 * P), out = new Float64Array(rows * S).fill(1);
  let r = 0, complex = 0;
  for (let K = 1; K <= source.maxK; K++) {
    for (const seg of source.level(K).segments) {
      for (let i = 0; i < seg.count; i++, r++) {
        values.set(seg.features.subarray(i * SV + idOff, i * SV + idOff + 2 * P), r * 2 * P);
        for (let p = 0; p < P; p++) if (values[r * 2 * P + 2 * p + 1] !== 0) complex++;
      }
    }
  }
  const batch = FeatureBatch.create(lang);
  if (!batch) return ['node features: no WebAssembly SIMD here, nothing to compare'];
  const v = new Float64Array(2 * P);
  const scalarMs = () => {
    const t0 = now();
    for (let i = 0; i < rows; i++) computeFeaturesInto(lang, values, i * 2 * P, out, i * S);
    return now() - t0;
  };
  const simdMs = () => {
    const t0 = now();
    for (let i = 0; i < rows; i++) {
      for (let d = 0; d < 2 * P; d++) v[d] = values[i * 2 * P + d]!;
      batch.add(out, i * S, v);
    }
    batch.flush();
    return now() - t0;
  };
  let fs = Infinity, fv = Infinity, gs = Infinity, gv = Infinity, keptS = 0, keptV = 0;
  for (let k = 0; k < 5; k++) {
    fs = Math.min(fs, scalarMs());
    fv = Math.min(fv, simdMs());
  }
  for (let k = 0; k < 3; k++) {
    const a = growAll(lang, 15, false), b = growAll(lang, 15, true);
    gs = Math.min(gs, a.ms);
    gv = Math.min(gv, b.ms);
    keptS = a.kept;
    keptV = b.kept;
  }
  return [
    `node features (exp and ln of each kept value, 2 probes), scalar vs SIMD batches, this process, alternating, best of 5 (features alone) and of 3 (levels) (load ${load()}):`,
    `  features alone, the ${rows} values stored up to K 13 (${(100 * complex / (rows * P)).toFixed(0)} % of them complex at a probe): scalar ${fs.toFixed(1)} ms, SIMD ${fv.toFixed(1)} ms: ${(fs / fv).toFixed(2)}x`,
    `  every level of {1, x, y} up to K 15 (extended; fresh memory, as a search writes it): scalar ${s(gs)}, SIMD ${s(gv)}: ${(gs / gv).toFixed(2)}x; `
      + `values kept: ${keptS} scalar, ${keptV} SIMD (last-bit differences move a few values across a fingerprint boundary)`,
  ];
}

/** Returns the printed report. */
export async function report(): Promise<string> {
  const lines: string[] = [];
  for (const semantics of ['extended', 'strict'] as const) {
    const cold = await ladder(semantics);
    const warm = await ladder(semantics);
    const base = fullLevels(semantics, Math.max(...warm.Ks));
    lines.push(`ladder 2, -2, 1/2 (${semantics}): K = ${warm.Ks.join(', ')}; first run ${s(cold.ms)}, second ${s(warm.ms)}; `
      + `baseline in this run without meet-in-the-middle (every level up to the largest K built and stored) ${s(base)} = ${(base / warm.ms).toFixed(1)}x the second run; `
      + `for orientation: ${cite(REFERENCE.ladderFastest)}`);
  }
  const t1 = now();
  const add = await recognize({ target: functionTarget('x+y'), semantics: 'extended', now });
  lines.push(`x + y over {1, x, y}: K = ${add.K} in ${s(now() - t1)}, peak ${(add.peakBytes / 1024 ** 2).toFixed(0)} MB; `
    + `for orientation: ${cite(REFERENCE.recognizerCpuPort)}`);
  lines.push(...threadsReport());
  lines.push(...featuresReport());
  const t2 = now();
  const basis = verifyBasis({ constants: ['1'], unary: [], binary: ['EML'], explain: true, now });
  const bms = now() - t2;
  lines.push(`verify-basis {1, EML} --explain: ${basis.chain.length} primitives, largest K ${basis.largestK}, ${basis.passes} passes in ${s(bms)}; `
    + `against ${cite(REFERENCE.rustVerifyHere)}: ${(REFERENCE.rustVerifyHere.seconds * 1e3 / bms).toFixed(1)}x; and ${cite(REFERENCE.rustVerifyAuthor)}`);
  return lines.join('\n');
}
