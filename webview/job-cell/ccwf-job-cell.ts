import { LitElement, html, nothing, type PropertyValues } from 'lit';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { formatDuration } from '../../src/core/parse/duration.js';
import type { EditOp } from '../../src/core/edit/edit-op.js';
import type { JobCell, JobLiveState, WebviewCommand } from '../../src/protocol/messages.js';
import { emit } from '../shared/events.js';
import { COMMAND_KIND_LABELS, commandIcon, commandKind, hostIcon } from '../shared/job-icons.js';
import { jobNameProblem } from '../shared/job-name.js';
import { statusLook } from '../shared/status.js';
import { actionsTemplate, commandTemplate, descriptionTemplate, needsTemplate, outputTemplate } from './cell-parts.js';
import { jobCellStyles } from './ccwf-job-cell.styles.js';

/** The capabilities a cell needs, flattened. */
export interface CellPermissions {
  readonly editable: boolean;
  readonly canRun: boolean;
  readonly runDisabledReason?: string;
}

/**
 * One job as a notebook cell: its command, host and needs, editable in place, its live status
 * and output, and the run actions. Until first scrolled near, it draws only its header.
 */
export class CcwfJobCell extends LitElement {
  static override styles = jobCellStyles;
  static override properties = {
    cell: { attribute: false },
    live: { attribute: false },
    hosts: { attribute: false },
    cells: { attribute: false },
    permissions: { attribute: false },
    selected: { type: Boolean, reflect: true },
    expanded: { type: Boolean, reflect: true },
    mode: { state: true },
    renameProblem: { state: true },
    addingNeed: { state: true },
  };

  declare cell: JobCell;
  declare live: JobLiveState | undefined;
  declare hosts: readonly string[];
  /** All cells, for the names a dependency or a new name may take. */
  declare cells: readonly JobCell[];
  declare permissions: CellPermissions;
  declare selected: boolean;
  /** Drawn in full: set once the cell comes near the visible part of the notebook. */
  declare expanded: boolean;
  declare mode: 'view' | 'rename' | 'confirm-delete';
  declare renameProblem: string | undefined;
  declare addingNeed: boolean;

  constructor() {
    super();
    this.hosts = [];
    this.cells = [];
    this.permissions = { editable: false, canRun: false };
    this.selected = false;
    this.expanded = false;
    this.mode = 'view';
    this.addingNeed = false;
  }

  /** Scrolls the cell into view and puts the keyboard in it. */
  reveal(): void {
    this.expanded = true;
    this.scrollIntoView({ block: 'nearest' });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.cell')?.focus({ preventScroll: true }));
  }

  startRename(): void {
    if (!this.permissions.editable) return;
    this.expanded = true;
    this.mode = 'rename';
    this.renameProblem = undefined;
    this.scrollIntoView({ block: 'nearest' });
    void this.updateComplete.then(() => {
      const field = this.renderRoot.querySelector<VscodeTextfield>('.rename vscode-textfield');
      field?.focus();
      field?.wrappedElement?.select();
    });
  }

  confirmDelete(): void {
    if (!this.permissions.editable) return;
    this.expanded = true;
    this.mode = 'confirm-delete';
    this.scrollIntoView({ block: 'nearest' });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.confirm vscode-button')?.focus());
  }

  /**
   * `cells` is a new list after any edit of any job; drawing uses it only while adding a need or
   * confirming a delete. Skipping the rest spares a thousand cells' updates per keystroke.
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return !(changed.size === 1 && changed.has('cells') && !this.addingNeed && this.mode !== 'confirm-delete');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('permissions') && !this.permissions.editable) {
      this.mode = 'view';
      this.addingNeed = false;
    }
    const old = changed.get('cell');
    if (old && old.name !== this.cell.name) this.mode = 'view';
  }

  /** Edits go to the host as one message; the new view that answers redraws the cell. */
  edit(edit: EditOp): void {
    if (this.permissions.editable) emit(this, 'ccwf-post', { type: 'edit', edit });
  }

  command(command: WebviewCommand): void {
    emit(this, 'ccwf-post', { type: 'command', command, job: this.cell.name });
  }

  setAddingNeed(on: boolean): void {
    this.addingNeed = on;
  }

  private select(): void {
    if (!this.selected) emit(this, 'ccwf-select', { job: this.cell.name });
  }

  private commitRename(field: VscodeTextfield): void {
    const to = field.value;
    if (to === this.cell.name) {
      this.mode = 'view';
      return;
    }
    const problem = jobNameProblem(to, this.cells.map((c) => c.name), this.cell.name);
    this.renameProblem = problem;
    if (problem) return;
    this.mode = 'view';
    this.edit({ op: 'renameJob', from: this.cell.name, to });
  }

  private onRenameKey(e: KeyboardEvent): void {
    const field = e.currentTarget as VscodeTextfield;
    if (e.key === 'Enter') {
      e.preventDefault();
      this.commitRename(field);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.mode = 'view';
    }
  }

  protected override render() {
    const { cell, live } = this;
    if (!this.expanded) {
      // Off screen: just enough for the scroll height and find-in-page; no icons, no controls.
      return html`<article class="cell placeholder s-${live?.status ?? 'waiting'}" aria-label="Job ${cell.name}"><header><h3 class="name">${cell.name}</h3></header></article>`;
    }
    const look = statusLook(live?.status ?? 'waiting');
    const status = live?.status ?? 'waiting';
    const duration = live?.durationMs === undefined ? '' : formatDuration(live.durationMs);
    return html`<article class="cell s-${status}" tabindex="-1" aria-label="Job ${cell.name}" @click=${this.select} @focusin=${this.select}>
      <header>
        <vscode-icon class="status-icon" name=${look.icon} ?spin=${status === 'running'} title=${look.label}></vscode-icon>
        ${this.mode === 'rename' ? this.renderRename() : html`<h3 class="name" title=${cell.name}
          @dblclick=${() => this.startRename()}>${cell.name}</h3>`}
        <span class="kind" title=${COMMAND_KIND_LABELS[commandKind(cell)]}><vscode-icon name=${commandIcon(commandKind(cell))}></vscode-icon></span>
        <span class="spacer"></span>
        ${duration ? html`<span class="duration" title="Duration">${duration}</span>` : nothing}
        <vscode-badge class="status-badge" aria-label="Status ${look.label}">${look.label}${status === 'running' && live?.progress !== undefined ? ` ${Math.round(live.progress)}%` : ''}</vscode-badge>
        ${this.renderHost()}
        ${this.permissions.editable ? html`<span class="cell-toolbar">
          <vscode-toolbar-button icon="edit" label="Rename job" title="Rename job (F2)" @click=${() => this.startRename()}></vscode-toolbar-button>
          <vscode-toolbar-button icon="trash" label="Delete job" title="Delete job" @click=${() => this.confirmDelete()}></vscode-toolbar-button>
        </span>` : nothing}
      </header>
      ${status === 'running' ? html`<vscode-progress-bar class="progress" aria-label="Progress of ${cell.name}"
        .value=${live?.progress} max="100" ?indeterminate=${live?.progress === undefined}></vscode-progress-bar>` : nothing}
      ${this.mode === 'confirm-delete' ? this.renderConfirmDelete() : nothing}
      ${descriptionTemplate(this)}
      ${commandTemplate(this)}
      ${needsTemplate(this)}
      ${outputTemplate(live)}
      ${actionsTemplate(this)}
    </article>`;
  }

  private renderRename() {
    return html`<span class="rename">
      <vscode-textfield aria-label="New name for ${this.cell.name}" .value=${this.cell.name} ?invalid=${this.renameProblem !== undefined}
        @keydown=${this.onRenameKey} @change=${(e: Event) => this.commitRename(e.currentTarget as VscodeTextfield)}></vscode-textfield>
      ${this.renameProblem ? html`<span class="field-problem" role="alert">${this.renameProblem}</span>` : nothing}
    </span>`;
  }

  private renderHost() {
    const { cell } = this;
    const hosts = this.hosts.includes(cell.host) ? this.hosts : [...this.hosts, cell.host];
    if (!this.permissions.editable) {
      return html`<span class="host" title="Runs on ${cell.host} (${cell.hostKind})"><vscode-icon name=${hostIcon(cell.hostKind)}></vscode-icon>${cell.host}</span>`;
    }
    return html`<span class="host" title="Where the job runs (${cell.hostKind})"><vscode-icon name=${hostIcon(cell.hostKind)}></vscode-icon>
      <vscode-single-select class="host-select" label="Host of ${cell.name}" aria-label="Host"
        @change=${(e: Event) => {
          const value = (e.currentTarget as HTMLSelectElement).value;
          if (value && value !== cell.host) this.edit({ op: 'setField', job: cell.name, key: 'host', value });
        }}>
        ${hosts.map((h) => html`<vscode-option value=${h} ?selected=${h === cell.host}>${h}</vscode-option>`)}
      </vscode-single-select></span>`;
  }

  private renderConfirmDelete() {
    const dependents = this.cells.filter((c) => c.needs.includes(this.cell.name)).map((c) => c.name);
    return html`<div class="confirm" role="alertdialog" aria-label="Delete ${this.cell.name}?"
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.mode = 'view')}>
      <vscode-icon name="warning"></vscode-icon>
      <span>Delete <strong>${this.cell.name}</strong>${dependents.length > 0
        ? html` and remove it from the needs of ${dependents.join(', ')}` : nothing}?</span>
      <span class="spacer"></span>
      <vscode-button aria-label="Confirm delete" @click=${() => {
        this.mode = 'view';
        this.edit({ op: 'deleteJob', name: this.cell.name });
      }}>Delete</vscode-button>
      <vscode-button secondary aria-label="Keep job" @click=${() => (this.mode = 'view')}>Cancel</vscode-button>
    </div>`;
  }
}

customElements.define('ccwf-job-cell', CcwfJobCell);

declare global {
  interface HTMLElementTagNameMap {
    'ccwf-job-cell': CcwfJobCell;
  }
}
