// The layout of large graphs (see isLargeGraph), by our own layered layout, off the UI thread.
// Without ELK it is ~20 KB: inlined into the page script and started before the host's `init`.
import type { GraphEdge, GraphNode } from '../src/core/graph/graph-model.js';
import { layoutLayered } from '../src/core/graph/layered-layout.js';
import { serveLayouts } from './layout/serve-layouts.js';

/**
 * A first layout runs ~2x slower than the next: the JIT has not seen the code yet. This worker
 * starts while the page waits for the host, so it lays out a small made-up graph meanwhile and
 * the first real one runs warm (1,000 jobs: 95-140 ms cold, 60-75 ms after this, which costs ~25 ms).
 */
function warmUp(count = 100): void {
  const nodes: GraphNode[] = Array.from({ length: count }, (_, i) => ({
    id: `w${i}`, label: `w${i}`, host: 'local', hostKind: 'local', command: '', status: 'waiting', fill: '',
  }));
  // Like a real workflow: each job needs one to three of the twenty jobs before it.
  const edges = new Map<string, GraphEdge>();
  let seed = 1;
  const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  for (let i = 1; i < count; i++) {
    for (let k = random(3); k >= 0; k--) {
      const j = i - 1 - random(Math.min(i, 20));
      edges.set(`${j}>${i}`, { id: `${j}>${i}`, source: `w${j}`, target: `w${i}` });
    }
  }
  layoutLayered({ nodes, edges: [...edges.values()] });
}

serveLayouts(layoutLayered);
warmUp();
