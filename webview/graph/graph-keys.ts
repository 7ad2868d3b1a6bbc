import type { CcwfGraph } from './ccwf-graph.js';
import { neighbour, type Direction } from './graph-navigation.js';

const ARROWS: Readonly<Record<string, Direction>> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
const ZOOM_STEP = 1.25;

/**
 * Keyboard use of the graph: Tab reaches the selected job, arrows walk the edges, Enter opens
 * the job's cell, Delete and F2 start the cell's delete and rename, + and - zoom.
 */
export class GraphKeys {
  constructor(private readonly graph: CcwfGraph) {}

  readonly onKeyDown = (e: KeyboardEvent): void => {
    if (e.altKey || e.metaKey || e.ctrlKey) return;
    const g = this.graph;
    const selected = g.selected !== undefined && g.boxes.has(g.selected) ? g.selected : undefined;
    const direction = ARROWS[e.key];
    if (direction) {
      e.preventDefault();
      const first = g.graph?.nodes.find((n) => g.boxes.has(n.id))?.id;
      const next = selected === undefined ? first : neighbour(selected, direction, g.boxes, g.edges);
      if (next !== undefined) g.choose(next);
      return;
    }
    switch (e.key) {
      case 'Enter':
      case ' ':
        if (selected === undefined) return;
        e.preventDefault();
        g.requestCell(selected, 'reveal');
        return;
      case 'Delete':
      case 'Backspace':
        if (!g.editable) return;
        e.preventDefault();
        if (g.selectedEdge !== undefined) g.removeSelectedEdge();
        else if (selected !== undefined) g.requestCell(selected, 'delete');
        return;
      case 'F2':
        if (!g.editable || selected === undefined) return;
        e.preventDefault();
        g.requestCell(selected, 'rename');
        return;
      case 'Escape':
        if (g.link) g.cancelLink();
        else g.chooseEdge(undefined);
        return;
      case '+':
      case '=':
        e.preventDefault();
        g.zoomBy(ZOOM_STEP);
        return;
      case '-':
        e.preventDefault();
        g.zoomBy(1 / ZOOM_STEP);
        return;
      default:
        return;
    }
  };
}
