/**
 * The layout cases of `npm run bench`; also runs alone: `node --import tsx bench/layout-bench.ts`.
 *
 * ccwf is `layoutGraph` as `ccwf graph` and the webview's layout worker call it (ELK for ordinary
 * graphs, our layered layout for large ones). The peer is plain ELK layered with its default
 * options on the same graph, run in a child process so that it can be capped: ELK runs
 * synchronously and cannot be interrupted from inside. Both are timed warm (after one small
 * layout) and reported as the median of interleaved repetitions, since these machines are noisy.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { GraphModel } from '../src/core/graph/graph-model.js';
import { isLargeGraph, layoutGraph, toElkGraph } from '../src/core/graph/elk-layout.js';
import { chain, fan, independent, mixed, mlPipeline, randomDag } from './graph-shapes.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const ELK_CAP_SECONDS = 60;
const SEED = 1;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (s: number) => s.toFixed(3);

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

type Peer = { seconds: number } | { capped: number } | { failed: string };

/** One warm layout of the seeded random DAG by plain ELK, in a child process killed at the cap. */
function elkDefault(count: number): Peer {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--elk-default', String(count)], {
    cwd: ROOT,
    encoding: 'utf8',
    // The child's own start-up (tsx, ELK) is not part of the cap.
    timeout: (ELK_CAP_SECONDS + 15) * 1000,
    maxBuffer: 1 << 20,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('seconds='));
  if (line) {
    const s = Number(line.slice('seconds='.length));
    return s > ELK_CAP_SECONDS ? { capped: ELK_CAP_SECONDS } : { seconds: s };
  }
  if (r.error || r.signal) return { capped: ELK_CAP_SECONDS };
  return { failed: (r.stderr.match(/^\w*Error[^\n]*/m)?.[0] ?? `exit ${r.status}`).slice(0, 80) };
}

async function elkDefaultChild(count: number): Promise<void> {
  const elk = new ELK();
  const plain = (m: GraphModel) => ({ ...toElkGraph(m), layoutOptions: { 'elk.algorithm': 'layered' } });
  await elk.layout(plain(randomDag(200, SEED + 1)));
  const graph = plain(randomDag(count, SEED));
  console.log(`seconds=${await seconds(() => elk.layout(graph))}`);
}

/** `BENCH layout-<n>` lines: ccwf against plain ELK on the seeded random DAG, and the target. */
async function compare(count: number, rounds: number, targetSeconds: number): Promise<void> {
  const model = randomDag(count, SEED);
  const ours: number[] = [];
  const peers: Peer[] = [];
  for (let i = 0; i < Math.max(rounds, REPEAT); i++) {
    ours.push(await seconds(() => layoutGraph(model)));
    if (i < rounds) peers.push(elkDefault(count));
  }
  const c = median(ours);
  const timed = peers.filter((p): p is { seconds: number } => 'seconds' in p).map((p) => p.seconds);
  const capped = peers.find((p): p is { capped: number } => 'capped' in p);
  const failed = peers.find((p): p is { failed: string } => 'failed' in p);
  let peer: string;
  if (timed.length === peers.length) peer = `elk-default=${fmt(median(timed))} ratio=${(c / median(timed)).toFixed(3)}`;
  else if (capped) peer = `elk-default>${capped.capped} ratio<${(c / capped.capped).toFixed(3)}`;
  else peer = `elk-default=failed(${failed!.failed})`;
  console.log(`BENCH layout-${count} ccwf=${fmt(c)} ${peer}`);
  const engine = isLargeGraph(model) ? 'layered' : 'elk';
  console.log(`BENCH layout-${count} ccwf=${fmt(c)}s engine=${engine} edges=${model.edges.length} target<=${targetSeconds}s ${c <= targetSeconds ? 'met' : 'not met'}`);
}

/** Other workflow shapes, ccwf only: ELK takes minutes on several of them (see elk-layout.ts). */
async function shapes(count: number, targetSeconds: number): Promise<void> {
  const half = Math.floor(count / 2);
  const cases: Record<string, GraphModel> = {
    fan: fan(count - 2),
    chain: chain(count),
    'ml-pipeline': mlPipeline(half - 2, half),
    independent: independent(count),
    mixed: mixed(count),
  };
  const parts: string[] = [];
  let worst = 0;
  for (const [name, model] of Object.entries(cases)) {
    const times: number[] = [];
    for (let i = 0; i < Math.min(REPEAT, 3); i++) times.push(await seconds(() => layoutGraph(model)));
    worst = Math.max(worst, median(times));
    parts.push(`${name}=${median(times).toFixed(3)}s`);
  }
  console.log(`# layout-${count} other shapes, ccwf: ${parts.join(' ')} (target<=${targetSeconds}s ${worst <= targetSeconds ? 'met' : 'not met'})`);
}

export async function layoutBench(): Promise<void> {
  console.log(`# layout: seeded random DAGs (~1 edge per job), median of ${REPEAT}; peer = ELK layered with default options, same graph, capped at ${ELK_CAP_SECONDS}s`);
  await layoutGraph(randomDag(200, SEED + 1));
  await layoutGraph(randomDag(2000, SEED + 1));
  // 1,000 jobs must be laid out well under the 1.5 s the editor has to paint them.
  await compare(1000, 3, 1);
  await shapes(1000, 1);
  await compare(10_000, 1, 5);
  await shapes(10_000, 5);
}

if (process.argv[1] === SELF) {
  const at = process.argv.indexOf('--elk-default');
  if (at >= 0) await elkDefaultChild(Number(process.argv[at + 1]));
  else await layoutBench();
}
