// Figures of other programs that the benchmarks print beside ours. None of them is measured by the run that
// prints it: each carries what was measured, on which machine, when, and where the number comes from, and every
// printed comparison says so (`cite`). bench/README.md lists the same figures in a table; keep the two in step.

/** A figure of another program, with its provenance. */
export interface ReferenceFigure {
  /** The figure as printed, with its unit. */
  readonly value: string;
  /** What was measured. */
  readonly what: string;
  readonly machine: string;
  readonly date: string;
  /** Where the number comes from. */
  readonly source: string;
  /** The number itself, for ratios (seconds), where one is computed. */
  readonly seconds?: number | { readonly low: number; readonly high: number };
}

const PROJECT_MACHINE = "the project's 2-core machine (2 vCPU AMD EPYC, 24 GiB, Debian 12)";
const NOTES = 'the reference notes on the paper\'s code';

export const REFERENCE = {
  /** The reference PyTorch v16 trainer at depth 2, run side by side with ours (its seconds per seed-step). */
  trainerStepD2: {
    seconds: { low: 2.6e-3, high: 3.6e-3 },
    value: '2.6–3.6 ms per seed-step',
    what: 'reference PyTorch v16 trainer, depth 2, one thread, same target, grid and iterations as ours, both programs interleaved',
    machine: `${PROJECT_MACHINE}, torch 1.13`, date: '2026', source: 'issue H of this project (measured side by side)',
  },
  /** The older depth-2 figure the trainer bench used to divide by (kept for the table; measured under load). */
  trainerStepD2Sweep: {
    value: '6.5 ms CPU per seed-step (48.9 s CPU per run of about 7550 steps)',
    what: 'reference PyTorch v16 trainer, depth-2 sweep of 32 runs while three processes shared the two cores',
    machine: `${PROJECT_MACHINE}, torch 1.13`, date: '2026', source: `${NOTES}, section 8.4`,
  },
  /** rust_verify --constants 1 --operations EML --explain (the bootstrap of {1, EML}) here. */
  rustVerifyHere: {
    seconds: 104.84,
    value: '104.84 s wall, 900 MB peak',
    what: 'reference rust_verify --constants 1 --functions "" --operations EML --explain (the other core busy with a trainer)',
    machine: PROJECT_MACHINE, date: '2026', source: `${NOTES}, section 8.3`,
  },
  /** The same run on its author's machine. */
  rustVerifyAuthor: {
    value: '34.75 s',
    what: 'the same rust_verify run, as logged by its author',
    machine: "its author's machine (unknown; about 3× faster than ours)", date: 'unknown', source: `the reference's rust_verify log, ${NOTES} section 8.3`,
  },
  /** The CPU port of the CUDA recognizer on a binary target up to K = 19. */
  recognizerCpuPort: {
    value: '54 s, 6.2 GB',
    what: 'numpy port of the reference CUDA recognizer, binary target γ + Catalan over {1, x, y}, every K ≤ 19 (287 million trees at K = 19)',
    machine: PROJECT_MACHINE, date: '2026', source: `${NOTES}, section 8.5`,
  },
  /** The fastest published entry for the constant ladder 2, −2, 1/2. */
  ladderFastest: {
    value: '0.69 s',
    what: 'fastest published entry for recognizing 2, −2 and 1/2 (Rust + Rayon)',
    machine: 'Apple M3 Max', date: 'unknown', source: "the project's goal for this ladder (≤ 0.70 s), not checked here",
  },
  /** gplearn on the twelve textbook laws of the discover benchmark. */
  gplearnTwelve: {
    value: '10/12 recovered exactly, noiseless and with 1 % noise',
    what: 'gplearn on the twelve textbook laws (1–3 inputs, 400 rows on [1, 3]^d), the same kind of CSVs and a comparable time budget as ours',
    machine: PROJECT_MACHINE, date: '2026', source: 'issue E of this project (discover); not rerun here',
  },
  /** AI Feynman's exact-recovery rate on SRBench's Feynman set. */
  aiFeynmanSrbench: {
    value: '52.6 % exact ("symbolic solution")',
    what: "AI Feynman on SRBench's Feynman ground-truth set (119 equations of 1–9 inputs; the best published exact rate there)",
    machine: "the SRBench authors' runs (published)", date: '2021', source: 'La Cava et al., "Contemporary symbolic regression methods and their relative performance" (SRBench), NeurIPS 2021 Datasets and Benchmarks',
  },
} as const satisfies Record<string, ReferenceFigure>;

/** Returns "VALUE (not measured in this run: WHAT; MACHINE, DATE; source: SOURCE)". */
export function cite(f: ReferenceFigure): string {
  return `${f.value} (not measured in this run: ${f.what}; ${f.machine}, ${f.date}; source: ${f.source})`;
}
