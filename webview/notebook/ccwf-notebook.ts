import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { JobCell, JobLiveState } from '../../src/protocol/messages.js';
import '../add-job/ccwf-add-job.js';
import '../job-cell/ccwf-job-cell.js';
import type { CcwfJobCell, CellPermissions } from '../job-cell/ccwf-job-cell.js';
import type { CellRequest } from '../shared/events.js';
import { notebookStyles } from './ccwf-notebook.styles.js';

/** How far outside the visible area a cell starts drawing in full. */
const EXPAND_MARGIN = '800px 0px';

/** The jobs as a notebook: one cell per job, in the order they run, and a row to add one. */
export class CcwfNotebook extends LitElement {
  static override styles = notebookStyles;
  static override properties = {
    cells: { attribute: false },
    live: { attribute: false },
    hosts: { attribute: false },
    selected: { attribute: false },
    permissions: { attribute: false },
  };

  declare cells: readonly JobCell[];
  declare live: ReadonlyMap<string, JobLiveState>;
  declare hosts: readonly string[];
  declare selected: string | undefined;
  declare permissions: CellPermissions;
  private names: readonly string[] = [];
  private observer: IntersectionObserver | undefined;
  /** Cells that came near the viewport and wait to be drawn in full, one per idle slice. */
  private readonly toExpand = new Set<CcwfJobCell>();
  private idle: number | undefined;

  constructor() {
    super();
    this.cells = [];
    this.live = new Map();
    this.hosts = [];
    this.permissions = { editable: false, canRun: false };
  }

  /** Shows the job's cell and starts the requested action there. */
  request(job: string, request: CellRequest): void {
    const cell = this.cellElement(job);
    if (!cell) return;
    if (request === 'rename') cell.startRename();
    else if (request === 'delete') cell.confirmDelete();
    else cell.reveal();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = undefined;
    if (this.idle !== undefined) cancelIdleCallback(this.idle);
    this.idle = undefined;
    this.toExpand.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('cells')) this.names = this.cells.map((c) => c.name);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Cells draw their heavy parts (selects, editors) only once they come near the viewport.
    this.observer ??= new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const cell = entry.target as CcwfJobCell;
        if (entry.isIntersecting) this.toExpand.add(cell);
        else this.toExpand.delete(cell);
      }
      this.expandWhenIdle();
    }, { root: this.renderRoot.querySelector('.scroller'), rootMargin: EXPAND_MARGIN });
    if (changed.has('cells')) {
      for (const cell of this.renderRoot.querySelectorAll<CcwfJobCell>('ccwf-job-cell:not([expanded])')) this.observer.observe(cell);
    }
    if (changed.has('selected') && this.selected !== undefined) {
      // After the next paint: drawing a cell in full forces layouts (~20-30 ms); the graph,
      // updated with this selection or the edit that came with it, shows first.
      const job = this.selected;
      requestAnimationFrame(() => setTimeout(() => {
        const cell = job === this.selected ? this.cellElement(job) : null;
        if (!cell) return;
        cell.expanded = true;
        cell.scrollIntoView({ block: 'nearest' });
      }, 0));
    }
  }

  /**
   * Draws the waiting cells one per idle slice: a full cell costs ~10-20 ms (its select measures
   * itself, forcing a layout), and a dozen at once would hold up the graph's first paint, which
   * is what a person opening the file waits for.
   */
  private expandWhenIdle(): void {
    if (this.idle !== undefined || this.toExpand.size === 0) return;
    this.idle = requestIdleCallback(() => {
      this.idle = undefined;
      const [cell] = this.toExpand;
      if (!cell) return;
      this.toExpand.delete(cell);
      this.observer?.unobserve(cell);
      if (cell.isConnected) cell.expanded = true;
      this.expandWhenIdle();
    });
  }

  private cellElement(job: string): CcwfJobCell | null {
    return this.renderRoot.querySelector<CcwfJobCell>(`ccwf-job-cell[data-job="${CSS.escape(job)}"]`);
  }

  protected override render() {
    const editable = this.permissions.editable;
    return html`<div class="scroller" role="region" aria-label="Jobs">
      ${this.cells.length === 0 ? html`<p class="empty">${editable ? 'No jobs yet. Name the first one below.' : 'This workflow has no jobs.'}</p>` : nothing}
      <div class="cells">
        ${repeat(this.cells, (c) => c.name, (c) => html`<ccwf-job-cell data-job=${c.name} .cell=${c} .live=${this.live.get(c.name)}
          .hosts=${this.hosts} .cells=${this.cells} .permissions=${this.permissions} ?selected=${c.name === this.selected}></ccwf-job-cell>`)}
      </div>
      ${editable ? html`<ccwf-add-job .names=${this.names} .upstream=${this.selected}></ccwf-add-job>` : nothing}
    </div>`;
  }
}

customElements.define('ccwf-notebook', CcwfNotebook);

declare global {
  interface HTMLElementTagNameMap {
    'ccwf-notebook': CcwfNotebook;
  }
}
