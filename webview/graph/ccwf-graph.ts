import { LitElement, html, nothing, svg, type PropertyValues } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import type { LaidOutGraph, Point } from '../../src/core/graph/elk-layout.js';
import type { GraphEdge, GraphModel } from '../../src/core/graph/graph-model.js';
import type { JobLiveState } from '../../src/protocol/messages.js';
import type { Viewport } from '../host/ui-state.js';
import { LayoutClient } from '../layout/layout-client.js';
import { NO_PLACEMENT, placeByPosition, placeProvisionally } from '../layout/placement.js';
import { shapeKey } from '../layout/shape-key.js';
import { mark, markPainted } from '../shared/perf.js';
import { emit, type CellRequest } from '../shared/events.js';
import type { CommandKind } from '../shared/job-icons.js';
import { graphStyles } from './ccwf-graph.styles.js';
import { edgeDeleteButton, edgeTemplate, fallbackRoute, markerDefs, midpoint } from './edge-view.js';
import { GraphKeys } from './graph-keys.js';
import { GraphPointer, type LinkDrag } from './graph-pointer.js';
import { nodeTemplate, type NodeInput } from './node-view.js';
import { fitViewport, revealBox, transformOf, zoomAt, type Box, type Size } from './viewport.js';

const EMPTY_LAYOUT: LaidOutGraph = { nodes: [], edges: [], width: 0, height: 0 };
/** Below these zoom levels the small text, then all text, is not drawn: unreadable and slow. */
const LOW_DETAIL_ZOOM = 0.55;
const NO_TEXT_ZOOM = 0.3;

/**
 * The workflow as a graph: plain SVG, one `<g>` per job, laid out by ELK in a worker. Run state
 * only recolours; only a change of the graph's shape asks for a new layout.
 */
export class CcwfGraph extends LitElement {
  static override styles = graphStyles;
  static override properties = {
    graph: { attribute: false },
    kinds: { attribute: false },
    live: { attribute: false },
    selected: { attribute: false },
    editable: { type: Boolean },
    layout: { state: true },
    busy: { state: true },
    error: { state: true },
    selectedEdge: { state: true },
    link: { state: true },
  };

  declare graph: GraphModel | undefined;
  declare kinds: ReadonlyMap<string, CommandKind>;
  declare live: ReadonlyMap<string, JobLiveState>;
  declare selected: string | undefined;
  declare editable: boolean;
  declare layout: LaidOutGraph | undefined;
  declare busy: boolean;
  declare error: string | undefined;
  declare selectedEdge: string | undefined;
  declare link: LinkDrag | undefined;

  viewport: Viewport = { x: 0, y: 0, k: 1 };
  canvasSize: Size = { width: 0, height: 0 };
  /** Where jobs and edges are drawn now, by job and edge id: the layout's, or provisional ones. */
  boxes: ReadonlyMap<string, Box> = NO_PLACEMENT.boxes;
  private routes: ReadonlyMap<string, readonly Point[]> = NO_PLACEMENT.routes;
  private fitted = false;
  /** The shape (shapeKey) of the latest graph sent to layout, and the one `layout` was made for. */
  private requestedKey = '';
  private layoutKey = '';
  private focusSelectedAfterUpdate = false;
  private readonly layouts = new LayoutClient();
  private readonly pointer = new GraphPointer(this);
  private readonly keys = new GraphKeys(this);
  private readonly resizeObserver = new ResizeObserver(([entry]) => {
    if (!entry) return;
    this.canvasSize = { width: entry.contentRect.width, height: entry.contentRect.height };
    this.fitOnce();
  });

  constructor() {
    super();
    this.kinds = new Map();
    this.live = new Map();
    this.editable = false;
    this.busy = false;
  }

  get edges(): readonly GraphEdge[] {
    return this.graph?.edges ?? [];
  }

  /** A pan and zoom saved from an earlier life of the webview: used instead of fitting. */
  restoreViewport(v: Viewport): void {
    this.viewport = v;
    this.fitted = true;
    this.requestUpdate();
  }

  /** Drops a dependency being drawn (Escape). */
  cancelLink(): void {
    this.pointer.cancel();
  }

  fit(): void {
    if (!this.layout || this.canvasSize.width === 0) return;
    this.setViewport(fitViewport(this.layout, this.canvasSize));
  }

  zoomBy(factor: number, at?: { x: number; y: number }): void {
    const px = at?.x ?? this.canvasSize.width / 2;
    const py = at?.y ?? this.canvasSize.height / 2;
    this.setViewport(zoomAt(this.viewport, factor, px, py));
  }

  /** Pans and zooms without re-rendering the thousand nodes: one attribute changes. */
  setViewport(v: Viewport): void {
    this.viewport = v;
    const g = this.renderRoot.querySelector('.viewport');
    g?.setAttribute('transform', transformOf(v));
    this.updateDetailLevel();
    emit(this, 'ccwf-viewport', v);
  }

  /** The user picked a job here (or nothing): the editor decides and sets `selected`. */
  choose(job: string | undefined, focus = true): void {
    this.selectedEdge = undefined;
    this.focusSelectedAfterUpdate = focus && job !== undefined;
    emit(this, 'ccwf-select', { job });
    // Queued after the editor's update, which hands the selection down: focus follows in this
    // update, and never in some later one (that would steal focus from a cell being edited).
    this.requestUpdate();
  }

  chooseEdge(id: string | undefined): void {
    this.selectedEdge = id;
  }

  requestCell(job: string, request: CellRequest): void {
    emit(this, 'ccwf-cell-request', { job, request });
  }

  removeSelectedEdge(): void {
    const edge = this.edges.find((e) => e.id === this.selectedEdge);
    if (!edge || !this.editable) return;
    this.selectedEdge = undefined;
    emit(this, 'ccwf-post', { type: 'edit', edit: { op: 'removeNeed', job: edge.target, need: edge.source } });
  }

  /** Focuses the selected job's node (after the editor applied the selection). */
  focusSelected(): void {
    if (this.selected === undefined) return;
    const el = this.renderRoot.querySelector<SVGGElement>(`.node[data-job="${CSS.escape(this.selected)}"]`);
    el?.focus({ preventScroll: true });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: observe again what `disconnectedCallback` let go.
    const surface = this.renderRoot.querySelector('.surface');
    if (surface) this.resizeObserver.observe(surface);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    this.layouts.dispose();
  }

  protected override firstUpdated(): void {
    this.resizeObserver.observe(this.renderRoot.querySelector('.surface')!);
    this.pointer.attach(this.renderRoot.querySelector('.surface')!);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('graph') && this.graph) this.relayout(this.graph);
    if (changed.has('graph') || changed.has('layout')) this.place(changed.get('graph'));
    if (changed.has('graph') && this.selectedEdge !== undefined && !this.edges.some((e) => e.id === this.selectedEdge)) {
      this.selectedEdge = undefined;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('graph') || changed.has('layout')) markPainted('graph-painted');
    if (changed.has('layout')) this.fitOnce();
    if (changed.has('selected') && this.selected !== undefined) {
      const box = this.boxes.get(this.selected);
      if (box && this.canvasSize.width > 0) {
        const v = revealBox(this.viewport, box, this.canvasSize);
        if (v !== this.viewport) this.setViewport(v);
      }
    }
    if (this.focusSelectedAfterUpdate) {
      this.focusSelectedAfterUpdate = false;
      this.focusSelected();
    }
  }

  /** The focused job is the selected one, however focus got there (Tab, a click, a test). */
  private onFocusIn(e: FocusEvent): void {
    const job = (e.target as Element).closest?.<SVGElement>('.node[data-job]')?.dataset.job;
    if (job !== undefined && job !== this.selected) this.choose(job, false);
  }

  private fitOnce(): void {
    if (this.fitted || !this.layout || this.layout.nodes.length === 0 || this.canvasSize.width === 0) return;
    this.fitted = true;
    this.fit();
  }

  /** Asks the worker for a layout if the graph's shape changed (and is not the one laid out). */
  private relayout(graph: GraphModel): void {
    const key = shapeKey(graph);
    if (key === this.requestedKey) return;
    this.requestedKey = key;
    if (key === this.layoutKey || graph.nodes.length === 0) {
      // Back to the shape laid out (an undo), or nothing to lay out: any answer still due is stale.
      this.busy = false;
      this.error = undefined;
      if (key !== this.layoutKey) [this.layoutKey, this.layout] = [key, EMPTY_LAYOUT];
      return;
    }
    this.busy = true;
    mark('layout-request');
    this.layouts.layout(graph).then(
      (layout) => {
        mark('layout-answer');
        if (!layout || key !== this.requestedKey) return; // overtaken by a newer graph
        this.busy = false;
        this.error = undefined;
        this.layoutKey = key;
        this.layout = layout;
      },
      (error: unknown) => {
        if (key !== this.requestedKey) return;
        const message = error instanceof Error ? error.message : String(error);
        this.busy = false;
        this.error = message;
        this.requestedKey = ''; // the next view tries again
        emit(this, 'ccwf-post', { type: 'error', message: `Graph layout failed: ${message}` });
      },
    );
  }

  /**
   * Boxes and routes for the graph as it is now: the layout's if it was made for this shape (put
   * on the current names), else the last ones carried over until the worker answers.
   */
  private place(before: GraphModel | undefined): void {
    const graph = this.graph;
    let placement = NO_PLACEMENT;
    if (graph && this.layout && this.layoutKey === this.requestedKey) placement = placeByPosition(this.layout, graph);
    else if (graph && before) placement = placeProvisionally({ boxes: this.boxes, routes: this.routes }, before, graph);
    else if (graph) return;
    this.boxes = placement.boxes;
    this.routes = placement.routes;
  }

  private updateDetailLevel(): void {
    const canvas = this.renderRoot.querySelector('.canvas');
    canvas?.classList.toggle('low-detail', this.viewport.k < LOW_DETAIL_ZOOM);
    canvas?.classList.toggle('no-text', this.viewport.k < NO_TEXT_ZOOM);
  }

  protected override render() {
    const graph = this.graph;
    return html`<div class="surface" tabindex="-1" @keydown=${this.keys.onKeyDown} @focusin=${this.onFocusIn}>
      <svg class="canvas ${this.viewport.k < LOW_DETAIL_ZOOM ? 'low-detail' : ''} ${this.viewport.k < NO_TEXT_ZOOM ? 'no-text' : ''}"
        role="group" aria-roledescription="workflow graph" aria-label=${graph?.title ? `Graph of ${graph.title}` : 'Workflow graph'}>
        ${markerDefs}
        <g class="viewport" transform=${transformOf(this.viewport)}>
          <g class="edges">${guard([graph, this.boxes, this.selected, this.selectedEdge], () => this.renderEdges())}</g>
          <g class="nodes">${guard([graph, this.boxes, this.live, this.kinds, this.selected, this.editable, this.link?.target, this.link?.ok], () => this.renderNodes())}</g>
          ${this.renderLinkPreview()}
          ${this.editable && this.selectedEdge !== undefined ? edgeDeleteButton(this.selectedEdgeMidpoint()) : nothing}
        </g>
      </svg>
      ${this.renderOverlay()}
    </div>`;
  }

  private renderNodes() {
    const nodes = (this.graph?.nodes ?? []).filter((n) => this.boxes.has(n.id));
    const tabStop = this.selected !== undefined && this.boxes.has(this.selected) ? this.selected : nodes[0]?.id;
    return repeat(nodes, (n) => n.id, (node) => {
      const input: NodeInput = {
        node,
        box: this.boxes.get(node.id)!,
        kind: this.kinds.get(node.id) ?? 'none',
        live: this.live.get(node.id),
        selected: node.id === this.selected,
        tabStop: node.id === tabStop,
        editable: this.editable,
        drop: this.link?.target === node.id ? (this.link.ok ? 'ok' : 'refused') : undefined,
      };
      // Most of a thousand nodes are the same objects as last time (see keepUnchanged): skip them.
      return guard(Object.values(input), () => nodeTemplate(input));
    });
  }

  private renderEdges() {
    const edges = this.edges.filter((e) => this.boxes.has(e.source) && this.boxes.has(e.target));
    return repeat(edges, (e) => e.id, (e) => edgeTemplate({
      id: e.id,
      source: e.source,
      target: e.target,
      points: this.routeOf(e),
      related: this.selected !== undefined && (e.source === this.selected || e.target === this.selected),
      selected: e.id === this.selectedEdge,
    }));
  }

  private routeOf(e: GraphEdge): readonly Point[] {
    return this.routes.get(e.id) ?? fallbackRoute(this.boxes.get(e.source)!, this.boxes.get(e.target)!);
  }

  private selectedEdgeMidpoint(): Point | undefined {
    const edge = this.edges.find((e) => e.id === this.selectedEdge);
    return edge && this.boxes.has(edge.source) && this.boxes.has(edge.target) ? midpoint(this.routeOf(edge)) : undefined;
  }

  private renderLinkPreview() {
    const link = this.link;
    if (!link) return nothing;
    return svg`<path class="link-preview ${link.target === undefined ? '' : link.ok ? 'ok' : 'refused'}"
      d="M${link.from.x},${link.from.y} L${link.to.x},${link.to.y}" marker-end="url(#arrow-hi)"></path>`;
  }

  private renderOverlay() {
    if (this.error !== undefined) {
      return html`<div class="message error" role="alert"><vscode-icon name="error"></vscode-icon>
        <span>The graph could not be laid out: ${this.error}</span></div>`;
    }
    if (this.busy) {
      const count = this.graph?.nodes.length ?? 0;
      return html`<div class="busy ${this.boxes.size > 0 ? 'corner' : ''}" role="status">
        <vscode-progress-ring></vscode-progress-ring><span>Laying out ${count} ${count === 1 ? 'job' : 'jobs'}…</span></div>`;
    }
    if (this.graph && this.graph.nodes.length === 0) {
      return html`<div class="message"><vscode-icon name="type-hierarchy-sub"></vscode-icon>
        <span>No jobs yet${this.editable ? ' — add one in the notebook.' : '.'}</span></div>`;
    }
    return nothing;
  }
}

customElements.define('ccwf-graph', CcwfGraph);

declare global {
  interface HTMLElementTagNameMap {
    'ccwf-graph': CcwfGraph;
  }
}
