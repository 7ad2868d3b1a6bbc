import type { Point } from '../../src/core/graph/elk-layout.js';
import type { Viewport } from '../host/ui-state.js';
import { emit } from '../shared/events.js';
import type { CcwfGraph } from './ccwf-graph.js';
import { toGraph } from './viewport.js';

/** A dependency being drawn: from `source`'s output port to the pointer. */
export interface LinkDrag {
  readonly source: string;
  readonly from: Point;
  readonly to: Point;
  /** The job under the pointer, if any. */
  readonly target?: string;
  /** Whether dropping here makes a valid new dependency. */
  readonly ok: boolean;
}

type Gesture =
  | { readonly kind: 'pan'; readonly id: number; readonly startX: number; readonly startY: number; readonly origin: Viewport; moved: boolean; readonly job?: string; readonly edge?: string }
  | { readonly kind: 'link'; readonly id: number; readonly source: string; readonly refused: ReadonlySet<string> };

/** Click a job to select it, drag the background (or a job) to pan, drag a port to add a `needs`. */
export class GraphPointer {
  private gesture: Gesture | undefined;
  private surface!: HTMLElement;

  constructor(private readonly graph: CcwfGraph) {}

  attach(surface: HTMLElement): void {
    this.surface = surface;
    surface.addEventListener('pointerdown', (e) => this.down(e));
    surface.addEventListener('pointermove', (e) => this.move(e));
    surface.addEventListener('pointerup', (e) => this.up(e));
    surface.addEventListener('pointercancel', () => this.cancel());
    surface.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
    surface.addEventListener('dblclick', (e) => {
      const job = jobAt(e.target);
      if (job !== undefined) this.graph.requestCell(job, 'reveal');
    });
    surface.addEventListener('contextmenu', (e) => {
      const edge = edgeAt(e.target);
      if (edge === undefined) return;
      // The edge's own action is the remove button that selecting it shows.
      e.preventDefault();
      this.graph.chooseEdge(edge);
    });
  }

  private local(e: PointerEvent | WheelEvent): { x: number; y: number } {
    const r = this.surface.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  private down(e: PointerEvent): void {
    if (e.button !== 0 || this.gesture) return;
    const target = e.target as Element;
    if (target.closest('.edge-delete')) {
      e.preventDefault();
      this.graph.removeSelectedEdge();
      return;
    }
    const job = jobAt(target);
    if (job !== undefined && this.graph.editable && (target.closest('.port') || e.shiftKey)) {
      const box = this.graph.boxes.get(job);
      if (!box) return;
      // No compatibility mousedown (it would start a text selection); keep the keyboard here for Escape.
      e.preventDefault();
      this.surface.focus({ preventScroll: true });
      this.gesture = { kind: 'link', id: e.pointerId, source: job, refused: this.refusedTargets(job) };
      const from = { x: box.x + box.width / 2, y: box.y + box.height };
      this.graph.link = { source: job, from, to: from, ok: false };
    } else {
      const edge = job === undefined ? edgeAt(target) : undefined;
      this.gesture = { kind: 'pan', id: e.pointerId, startX: e.clientX, startY: e.clientY, origin: this.graph.viewport, moved: false, ...(job === undefined ? {} : { job }), ...(edge === undefined ? {} : { edge }) };
    }
    this.surface.setPointerCapture(e.pointerId);
  }

  private move(e: PointerEvent): void {
    const g = this.gesture;
    if (!g || g.id !== e.pointerId) return;
    if (g.kind === 'pan') {
      const dx = e.clientX - g.startX;
      const dy = e.clientY - g.startY;
      if (!g.moved && Math.hypot(dx, dy) < 4) return;
      g.moved = true;
      this.surface.classList.add('panning');
      this.graph.setViewport({ ...g.origin, x: g.origin.x + dx, y: g.origin.y + dy });
      return;
    }
    const p = this.local(e);
    const to = toGraph(this.graph.viewport, p.x, p.y);
    const target = this.jobAtPoint(to);
    const link = this.graph.link!;
    const ok = target !== undefined && !g.refused.has(target);
    this.graph.link = { ...link, to, ok, ...(target === undefined ? {} : { target }) };
  }

  private up(e: PointerEvent): void {
    const g = this.gesture;
    if (!g || g.id !== e.pointerId) return;
    this.gesture = undefined;
    this.surface.classList.remove('panning');
    if (g.kind === 'link') {
      const link = this.graph.link;
      this.graph.link = undefined;
      if (link?.target !== undefined && link.ok) {
        emit(this.graph, 'ccwf-post', { type: 'edit', edit: { op: 'addNeed', job: link.target, need: link.source } });
      }
      return;
    }
    if (g.moved) return;
    if (g.job !== undefined) this.graph.choose(g.job);
    else if (g.edge !== undefined) this.graph.chooseEdge(g.edge);
    else {
      this.graph.chooseEdge(undefined);
      this.graph.choose(undefined);
    }
  }

  cancel(): void {
    this.gesture = undefined;
    this.graph.link = undefined;
    this.surface.classList.remove('panning');
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const lines = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? 16 : e.deltaMode === WheelEvent.DOM_DELTA_PAGE ? 400 : 1;
    // Pinch gestures arrive as ctrl+wheel with small deltas: zoom faster for them.
    const speed = e.ctrlKey ? 0.01 : 0.002;
    const delta = Math.max(-100, Math.min(100, e.deltaY * lines));
    this.graph.zoomBy(Math.exp(-delta * speed), this.local(e));
  }

  private jobAtPoint(p: Point): string | undefined {
    for (const [id, b] of this.graph.boxes) {
      if (p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height) return id;
    }
    return undefined;
  }

  /**
   * Jobs that must not get `source` as a new need: itself, those that need it already, and every
   * job `source` depends on, directly or not (that would close a cycle).
   */
  private refusedTargets(source: string): Set<string> {
    const edges = this.graph.edges;
    const needs = new Map<string, string[]>();
    for (const e of edges) needs.set(e.target, [...(needs.get(e.target) ?? []), e.source]);
    const refused = new Set([source]);
    for (const e of edges) if (e.source === source) refused.add(e.target);
    const queue = [source];
    const upstream = new Set<string>();
    while (queue.length > 0) {
      for (const n of needs.get(queue.pop()!) ?? []) {
        if (upstream.has(n)) continue;
        upstream.add(n);
        refused.add(n);
        queue.push(n);
      }
    }
    return refused;
  }
}

function jobAt(target: EventTarget | null): string | undefined {
  return (target as Element | null)?.closest?.<SVGElement>('.node[data-job]')?.dataset.job;
}

function edgeAt(target: EventTarget | null): string | undefined {
  return (target as Element | null)?.closest?.<SVGElement>('.edge[data-edge]')?.dataset.edge;
}
