// The worker side of layout-protocol.ts, shared by the two layout workers.
import type { LaidOutGraph } from '../../src/core/graph/elk-layout.js';
import type { GraphModel } from '../../src/core/graph/graph-model.js';
import type { LayoutRequest, LayoutResponse } from './layout-protocol.js';

/** The two members of the worker global used here (the WebWorker lib cannot join DOM's). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  postMessage(message: LayoutResponse): void;
}

/** Answers every well-formed request with `layout(graph)`, or with the error it threw. */
export function serveLayouts(layout: (graph: GraphModel) => LaidOutGraph | Promise<LaidOutGraph>): void {
  const scope = globalThis as unknown as WorkerScope;
  // addEventListener, not `onmessage =`: the bundled ELK assigns `self.onmessage` in a worker.
  scope.addEventListener('message', (event) => {
    const request = event.data as Partial<LayoutRequest> | null;
    if (typeof request?.id !== 'number' || typeof request.graph !== 'object' || request.graph === null) return;
    const { id, graph } = request as LayoutRequest;
    Promise.resolve(graph).then(layout).then(
      (result) => scope.postMessage({ id, layout: result }),
      (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
