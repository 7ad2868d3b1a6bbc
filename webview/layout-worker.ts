// The ELK layout, off the UI thread. esbuild builds this file as its own bundle and inlines the
// text into main.js, which starts it from a blob: URL (the one worker source the page's CSP allows).
import { layoutGraph } from '../src/core/graph/elk-layout.js';
import type { LayoutRequest, LayoutResponse } from './layout/layout-protocol.js';

/** The two members of the worker global this file uses (the WebWorker lib cannot join DOM's). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  postMessage(message: LayoutResponse): void;
}

const scope = globalThis as unknown as WorkerScope;

// addEventListener, not `onmessage =`: the bundled ELK assigns `self.onmessage` in a worker.
scope.addEventListener('message', (event) => {
  const request = event.data as Partial<LayoutRequest> | null;
  if (typeof request?.id !== 'number' || typeof request.graph !== 'object' || request.graph === null) return;
  const { id, graph } = request as LayoutRequest;
  layoutGraph(graph).then(
    (layout) => scope.postMessage({ id, layout }),
    (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
