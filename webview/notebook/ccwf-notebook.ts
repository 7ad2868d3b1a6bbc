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
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('cells')) this.names = this.cells.map((c) => c.name);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Cells draw their heavy parts (selects, editors) only once they come near the viewport.
    this.observer ??= new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        (entry.target as CcwfJobCell).expanded = true;
        this.observer?.unobserve(entry.target);
      }
    }, { root: this.renderRoot.querySelector('.scroller'), rootMargin: EXPAND_MARGIN });
    if (changed.has('cells')) {
      for (const cell of this.renderRoot.querySelectorAll<CcwfJobCell>('ccwf-job-cell:not([expanded])')) this.observer.observe(cell);
    }
    if (changed.has('selected') && this.selected !== undefined) {
      const cell = this.cellElement(this.selected);
      if (cell) {
        cell.expanded = true;
        cell.scrollIntoView({ block: 'nearest' });
      }
    }
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
