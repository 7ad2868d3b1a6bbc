import layeredSource from 'inline-worker:layered-layout-worker';
import type { LaidOutGraph } from '../../src/core/graph/elk-layout.js';
import type { GraphModel } from '../../src/core/graph/graph-model.js';
import { isLargeGraph } from '../../src/core/graph/large-graph.js';
import type { LayoutRequest, LayoutResponse } from './layout-protocol.js';

/**
 * Two workers: ELK for ordinary graphs, our own layered layout for large ones. The layered one is
 * ~20 KB, inlined here and booted before the first graph arrives; ELK's is 1.6 MB, imported
 * dynamically so esbuild puts it in a chunk of its own, which the page fetches only when a graph
 * needs it. (A dynamic import inherits the page script's nonce, so the CSP allows it.)
 */
type Engine = 'layered' | 'elk';

let elkSource: Promise<string> | undefined;
const sources: Readonly<Record<Engine, () => Promise<string>>> = {
  layered: () => Promise.resolve(layeredSource),
  elk: () => (elkSource ??= import('inline-worker:layout-worker').then((m) => m.default)),
};

/** A layered worker started before any graph arrived, handed to the first client that needs one. */
let spare: Promise<Worker> | undefined;
/** What a worker raised before any client listened to it: it failed to boot. */
const bootErrors = new WeakMap<Worker, string>();

async function startWorker(engine: Engine): Promise<Worker> {
  // A webview cannot start a worker from its resource origin; a blob: URL it can (see the CSP).
  const url = URL.createObjectURL(new Blob([await sources[engine]()], { type: 'text/javascript' }));
  try {
    const worker = new Worker(url);
    worker.addEventListener('error', (e) => bootErrors.set(worker, e.message || 'The layout worker failed to start.'), { once: true });
    return worker;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Starts the layered worker now, while the host still parses the file: for a large graph,
 * booting it (and the network, CPU and JIT that takes) would otherwise come after `init`.
 */
export function prestartLayoutWorker(): void {
  spare ??= startWorker('layered');
}

/**
 * Talks to the layout workers. Only the newest request matters: `layout` resolves with
 * `undefined` when a later request overtook it, so the caller never paints a stale picture.
 */
export class LayoutClient {
  private readonly workers = new Map<Engine, Promise<Worker>>();
  private nextId = 1;
  private latest = 0;
  private readonly waiting = new Map<number, { resolve: (l: LaidOutGraph | undefined) => void; reject: (e: Error) => void }>();

  async layout(graph: GraphModel): Promise<LaidOutGraph | undefined> {
    const id = this.nextId++;
    this.latest = id;
    // Only the latest answer is used; everything still waiting is stale now.
    for (const [old, pending] of this.waiting) {
      this.waiting.delete(old);
      pending.resolve(undefined);
    }
    const worker = this.worker(isLargeGraph(graph) ? 'layered' : 'elk');
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.then(
        (w) => w.postMessage({ id, graph } satisfies LayoutRequest),
        (e: unknown) => this.failAll(e instanceof Error ? e.message : String(e)),
      );
    });
  }

  dispose(): void {
    for (const worker of this.workers.values()) void worker.then((w) => w.terminate(), () => undefined);
    this.workers.clear();
  }

  private worker(engine: Engine): Promise<Worker> {
    const existing = this.workers.get(engine);
    if (existing) return existing;
    let started: Promise<Worker>;
    if (engine === 'layered' && spare) {
      started = spare;
      spare = undefined;
    } else started = startWorker(engine);
    const worker = started.then((w) => {
      const bootError = bootErrors.get(w);
      if (bootError !== undefined) throw new Error(bootError);
      w.addEventListener('message', (event: MessageEvent<LayoutResponse>) => this.answer(event.data));
      w.addEventListener('error', (event) => this.failAll(event.message || 'The layout worker failed.'));
      return w;
    });
    this.workers.set(engine, worker);
    return worker;
  }

  private answer(response: LayoutResponse): void {
    const pending = this.waiting.get(response.id);
    if (!pending) return;
    this.waiting.delete(response.id);
    if (response.id !== this.latest) pending.resolve(undefined);
    else if ('error' in response) pending.reject(new Error(response.error));
    else pending.resolve(response.layout);
  }

  private failAll(message: string): void {
    for (const pending of this.waiting.values()) pending.reject(new Error(message));
    this.waiting.clear();
    this.dispose();
  }
}
