/**
 * The language case of `npm run bench`; also runs alone: `node --import tsx bench/language-bench.ts`.
 *
 * ccwf is what the editor and `ccwf validate` do on every change: `parseWorkflow` then
 * `validateWorkflow` (script paths answered without the disk) of a realistic generated workflow
 * of 5,000 jobs (run blocks, scripts, needs in all three spellings, hosts, comments). The peer is
 * the bare `yaml` package parsing the same text with its default options, the floor any
 * YAML-based reader stood on. Both are timed warm, as the median of interleaved repetitions,
 * since these machines are noisy.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { parseWorkflow } from '../src/core/parse/parse-workflow.js';
import { validateWorkflow } from '../src/core/validate/validate-workflow.js';

const SELF = fileURLToPath(import.meta.url);
const REPEAT = Math.max(Number(process.env.BENCH_REPEAT ?? 5), 7);
const TARGET_SECONDS = 0.1;
const WARM_UP = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function seconds(run: () => unknown): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

/** A deterministic generator, so every run measures the same text. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STAGES = ['fetch', 'prep', 'train', 'eval', 'report'] as const;
const HOSTS = ['local', 'wsl', 'lab', 'cluster'] as const;

/** A workflow shaped like real ones: stages of shards, each needing a few jobs of the stage before. */
export function realisticWorkflow(count: number, seed = 1): string {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const perStage = Math.ceil(count / STAGES.length);
  const name = (stage: number, i: number) => `${STAGES[stage]}-${String(i).padStart(4, '0')}`;
  const lines = [
    '# Generated for the language benchmark: a sweep over shards, five stages deep.',
    'name: shard-sweep',
    'description: fetch, prepare, train, evaluate and report every shard',
    'concurrency: 16',
    'env:',
    '  DATA: ./data',
    '  PYTHONUNBUFFERED: "1"',
    'defaults:',
    '  retries: 1',
    '  retry_delay: 30s',
    '  timeout: 2h',
    'hosts:',
    '  wsl:',
    '    kind: wsl',
    '    distro: Ubuntu-24.04',
    '  lab:',
    '    kind: ssh',
    '    ssh: alice@lab.example.org',
    '    concurrency: 8',
    '  cluster:',
    '    kind: slurm',
    '    ssh: login.hpc.example.org',
    '    partition: gpu',
    '    sbatch: [--qos=normal]',
    'jobs:',
  ];
  let written = 0;
  for (let stage = 0; stage < STAGES.length && written < count; stage++) {
    lines.push(`  # ---- stage ${stage + 1}: ${STAGES[stage]} ----`);
    for (let i = 0; i < perStage && written < count; i++, written++) {
      const needs = stage === 0 ? [] : [...new Set([i, Math.floor(next() * perStage), Math.floor(next() * perStage)])].map((j) => name(stage - 1, j));
      lines.push(`  ${name(stage, i)}:`);
      if (next() < 0.3) lines.push(`    description: ${STAGES[stage]} shard ${i} of ${perStage}`);
      const host = pick(HOSTS);
      if (host !== 'local') lines.push(`    host: ${host}`);
      if (needs.length > 0) {
        const style = next();
        if (needs.length === 1 || style < 0.2) lines.push(`    needs: ${needs[0]}`);
        else if (style < 0.7) lines.push(`    needs: [${needs.join(', ')}]`);
        else lines.push('    needs:', ...needs.map((n) => `      - ${n}  # shard input`));
      }
      if (next() < 0.4) lines.push(`    timeout: ${1 + Math.floor(next() * 90)}m`);
      if (next() < 0.2) lines.push(`    retries: ${Math.floor(next() * 3)}`, '    retry_delay: 10s');
      const kind = next();
      if (kind < 0.35) {
        lines.push(`    run: python ${STAGES[stage]}.py --shard ${i} --out "$DATA/${name(stage, i)}"`);
      } else if (kind < 0.75) {
        lines.push(
          '    run: |',
          '      set -euo pipefail',
          `      echo "starting ${name(stage, i)} on $(hostname)"`,
          `      python ${STAGES[stage]}.py --shard ${i} \\`,
          `        --in "$DATA/${needs[0] ?? 'raw'}" --out "$DATA/${name(stage, i)}"`,
          `      test -s "$DATA/${name(stage, i)}/done" || exit 1`,
        );
      } else {
        lines.push(`    script: scripts/${STAGES[stage]}.sh`, `    args: [--shard, "${i}", --seed, "${Math.floor(next() * 100)}"]`);
        if (next() < 0.5) lines.push('    env:', `      SHARD: "${i}"`, '      LOG_LEVEL: info');
      }
      if (next() < 0.05) lines.push('    # keep this shard small: it is the smoke test');
    }
  }
  return lines.join('\n') + '\n';
}

export function languageBench(): string {
  const text = realisticWorkflow(5000);
  const ccwf = () => {
    const parsed = parseWorkflow(text);
    return [...parsed.diagnostics, ...validateWorkflow(parsed.workflow, { fileExists: () => true })];
  };
  const peer = () => parseDocument(text);
  // Warm both up (as in an editor that has parsed before; a cold first parse in a fresh process
  // takes about three times as long), and check that the workflow is one a person could run.
  const problems = ccwf();
  if (problems.length > 0) throw new Error(`the generated workflow has problems: ${problems[0]!.code} ${problems[0]!.message}`);
  for (let i = 0; i < WARM_UP; i++) ccwf();
  peer();
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    ours.push(seconds(ccwf));
    theirs.push(seconds(peer));
  }
  const [c, p] = [median(ours), median(theirs)];
  const verdict = c <= TARGET_SECONDS ? 'met' : 'NOT met';
  return `BENCH validate-5000 ccwf=${c.toFixed(3)} yaml-parse=${p.toFixed(3)} ratio=${(c / p).toFixed(2)} target<=${TARGET_SECONDS}s ${verdict}`;
}

if (process.argv[1] === SELF) console.log(languageBench());
