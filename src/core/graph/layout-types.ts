import type { GraphEdge, GraphModel, GraphNode } from './graph-model.js';

/** What every layout engine returns (ELK for ordinary graphs, our own layered layout for big ones). */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LaidOutNode extends GraphNode {
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LaidOutEdge extends GraphEdge {
  /** From the source's border to the target's border; empty if the layout gave no route. */
  readonly points: readonly Point[];
}

export interface LaidOutGraph {
  readonly title?: string;
  readonly nodes: readonly LaidOutNode[];
  readonly edges: readonly LaidOutEdge[];
  readonly width: number;
  readonly height: number;
}

/** Edges whose ends are both nodes: a hand-made model may hold others, and no layout can draw them. */
export function drawnEdges(model: GraphModel): GraphEdge[] {
  const ids = new Set(model.nodes.map((n) => n.id));
  return model.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
}
