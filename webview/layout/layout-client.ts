import workerSource from 'inline-worker:layout-worker';
import type { LaidOutGraph } from '../../src/core/graph/elk-layout.js';
import type { GraphModel } from '../../src/core/graph/graph-model.js';
import type { LayoutRequest, LayoutResponse } from './layout-protocol.js';

/**
 * Talks to the layout worker. Only the newest request matters: `layout` resolves with
 * `undefined` when a later request overtook it, so the caller never paints a stale picture.
 */
export class LayoutClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private latest = 0;
  private readonly waiting = new Map<number, { resolve: (l: LaidOutGraph | undefined) => void; reject: (e: Error) => void }>();

  async layout(graph: GraphModel): Promise<LaidOutGraph | undefined> {
    const id = this.nextId++;
    this.latest = id;
    // Answers arrive in order; everything still waiting before this one is stale now.
    for (const [old, pending] of this.waiting) {
      this.waiting.delete(old);
      pending.resolve(undefined);
    }
    const worker = this.ensureWorker();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, graph } satisfies LayoutRequest);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    const worker = new Worker(url);
    URL.revokeObjectURL(url);
    worker.addEventListener('message', (event: MessageEvent<LayoutResponse>) => this.answer(event.data));
    worker.addEventListener('error', (event) => this.failAll(event.message || 'The layout worker failed to start.'));
    this.worker = worker;
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
