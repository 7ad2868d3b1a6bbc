import type { LaidOutGraph } from '../../src/core/graph/elk-layout.js';
import type { GraphModel } from '../../src/core/graph/graph-model.js';

/** Main thread -> layout worker: lay out this graph; `id` grows with every request. */
export interface LayoutRequest {
  readonly id: number;
  readonly graph: GraphModel;
}

/** Layout worker -> main thread: the answer to request `id`. */
export type LayoutResponse =
  | { readonly id: number; readonly layout: LaidOutGraph }
  | { readonly id: number; readonly error: string };
