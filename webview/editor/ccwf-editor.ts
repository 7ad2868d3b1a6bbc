import { LitElement, html, nothing } from 'lit';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-split-layout/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import type { VscSplitLayoutChangeEvent } from '@vscode-elements/elements/dist/vscode-split-layout/vscode-split-layout.js';
import type { Capabilities, FromWebview, JobLiveState, ViewPatch, ViewProblem, WorkflowView } from '../../src/protocol/messages.js';
import { applyViewPatch } from '../../src/protocol/view-patch.js';
import '../graph/ccwf-graph.js';
import type { CcwfGraph } from '../graph/ccwf-graph.js';
import type { UiStateStore } from '../host/ui-state.js';
import type { HostApi } from '../host/vscode-api.js';
import type { CellPermissions } from '../job-cell/ccwf-job-cell.js';
import '../notebook/ccwf-notebook.js';
import type { CcwfNotebook } from '../notebook/ccwf-notebook.js';
import { commandKind, type CommandKind } from '../shared/job-icons.js';
import { editorStyles } from './ccwf-editor.styles.js';
import { problemsStrip, readonlyBanner, toolbarTemplate } from './editor-bars.js';
import { keepUnchanged } from './keep-unchanged.js';

/** Below this width the panes stack instead of standing side by side. */
const NARROW_PX = 720;
const NOTICE_MS = 6000;

/**
 * The workflow editor: toolbar, banners, and the graph and notebook panes. It holds the state
 * the host sends and the selection, and is the one place that talks to the host.
 */
export class CcwfEditor extends LitElement {
  static override styles = editorStyles;
  static override properties = {
    view: { state: true },
    capabilities: { state: true },
    live: { state: true },
    selected: { state: true },
    notice: { state: true },
    narrow: { state: true },
    zoomPercent: { state: true },
  };

  declare view: WorkflowView | undefined;
  declare capabilities: Capabilities;
  declare live: ReadonlyMap<string, JobLiveState>;
  declare selected: string | undefined;
  declare notice: string | undefined;
  declare narrow: boolean;
  declare zoomPercent: number;
  private api: HostApi | undefined;
  private store: UiStateStore | undefined;
  private kinds: ReadonlyMap<string, CommandKind> = new Map();
  private permissions: CellPermissions = { editable: false, canRun: false };
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly resizeObserver = new ResizeObserver(([entry]) => {
    if (entry) this.narrow = entry.contentRect.width < NARROW_PX;
  });

  constructor() {
    super();
    this.capabilities = { editable: false, canRun: false };
    this.live = new Map();
    this.narrow = false;
    this.zoomPercent = 100;
    this.addEventListener('ccwf-post', (e) => this.post(e.detail));
    this.addEventListener('ccwf-select', (e) => this.select(e.detail.job, true));
    this.addEventListener('ccwf-cell-request', (e) => {
      this.select(e.detail.job, true);
      void this.updateComplete.then(() => this.notebook?.request(e.detail.job, e.detail.request));
    });
    this.addEventListener('ccwf-viewport', (e) => {
      this.zoomPercent = Math.round(e.detail.k * 100);
      this.store?.update({ viewport: e.detail });
    });
  }

  /** Wires the editor to the host; before this it draws nothing and posts nothing. */
  connect(api: HostApi, store: UiStateStore): void {
    this.api = api;
    this.store = store;
    this.selected = store.current.selected;
  }

  private get graph(): CcwfGraph | null {
    return this.renderRoot.querySelector('ccwf-graph');
  }

  private get notebook(): CcwfNotebook | null {
    return this.renderRoot.querySelector('ccwf-notebook');
  }

  /* Messages from the host (main.ts dispatches them). */

  init(view: WorkflowView, capabilities: Capabilities): void {
    const saved = this.store?.current.viewport;
    if (saved && !this.view) {
      this.zoomPercent = Math.round(saved.k * 100);
      void this.updateComplete.then(() => this.graph?.restoreViewport(saved));
    }
    this.setCapabilities(capabilities);
    this.setView(view);
  }

  setView(next: WorkflowView): void {
    const view = keepUnchanged(this.view, next);
    this.view = view;
    // A new map only if a kind changed: the graph redraws every node when it gets a new one.
    const kinds = new Map(view.cells.map((c) => [c.name, commandKind(c)]));
    if (!sameEntries(kinds, this.kinds)) this.kinds = kinds;
    if (this.selected !== undefined && !view.cells.some((c) => c.name === this.selected)) this.select(undefined, false);
  }

  /** Applies the changes to the view held; false if they were made for another one. */
  applyPatch(patch: ViewPatch): boolean {
    const view = this.view && applyViewPatch(this.view, patch);
    if (view) this.setView(view);
    return view !== undefined;
  }

  setCapabilities(capabilities: Capabilities): void {
    this.capabilities = capabilities;
    this.permissions = {
      editable: capabilities.editable,
      canRun: capabilities.canRun,
      ...(capabilities.runDisabledReason === undefined ? {} : { runDisabledReason: capabilities.runDisabledReason }),
    };
  }

  applyRunState(jobs: readonly JobLiveState[], reset: boolean): void {
    const live = new Map(reset ? [] : this.live);
    for (const job of jobs) live.set(job.job, job);
    this.live = live;
  }

  /** The text editor's cursor moved into `job`: select it without telling the host back. */
  selectFromHost(job: string | undefined): void {
    this.select(job !== undefined && this.view?.cells.some((c) => c.name === job) ? job : undefined, false);
  }

  showNotice(text: string): void {
    this.notice = text;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => (this.notice = undefined), NOTICE_MS);
  }

  /* Own behaviour */

  private post(message: FromWebview): void {
    this.api?.postMessage(message);
  }

  private select(job: string | undefined, tellHost: boolean): void {
    const changed = job !== this.selected;
    this.selected = job;
    this.store?.update({ selected: job });
    if (changed && tellHost && job !== undefined) this.post({ type: 'selectJob', job });
  }

  /** The job whose entry holds `line`: the last job starting at or before it. */
  private jobAtLine(line: number): string | undefined {
    let best: { name: string; line: number } | undefined;
    for (const c of this.view?.cells ?? []) if (c.line <= line && (!best || c.line > best.line)) best = c;
    return best?.name;
  }

  private openProblem(problem: ViewProblem): void {
    const job = this.jobAtLine(problem.line);
    this.post({ type: 'openInText', ...(job === undefined ? {} : { job }) });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    clearTimeout(this.noticeTimer);
  }

  protected override render() {
    const view = this.view;
    if (!view) {
      return html`<div class="loading" role="status"><vscode-progress-ring></vscode-progress-ring><span>Loading workflow…</span></div>`;
    }
    const caps = this.capabilities;
    return html`<div class="editor">
      ${toolbarTemplate(view, caps, this.zoomPercent, {
        runWorkflow: () => this.post({ type: 'command', command: 'runWorkflow' }),
        zoom: (f) => this.graph?.zoomBy(f),
        fit: () => this.graph?.fit(),
        exportSvg: () => this.post({ type: 'command', command: 'exportSvg' }),
        openText: () => this.post({ type: 'openInText', ...(this.selected === undefined ? {} : { job: this.selected }) }),
      })}
      ${readonlyBanner(view, caps, () => this.post({ type: 'command', command: 'convert' }))}
      ${problemsStrip(view.problems, (p) => this.openProblem(p))}
      <div class="panes">
        <vscode-split-layout split=${this.narrow ? 'horizontal' : 'vertical'} reset-on-dbl-click
          initial-handle-position="55%" handle-position=${this.store?.current.split ?? '55%'} min-start="120px" min-end="160px"
          @vsc-split-layout-change=${(e: VscSplitLayoutChangeEvent) => this.store?.update({ split: `${e.detail.positionInPercentage.toFixed(1)}%` })}>
          <ccwf-graph slot="start" .graph=${view.graph} .kinds=${this.kinds} .live=${this.live} .selected=${this.selected}
            ?editable=${caps.editable}></ccwf-graph>
          <ccwf-notebook slot="end" .cells=${view.cells} .live=${this.live} .hosts=${view.hosts} .selected=${this.selected}
            .permissions=${this.permissions}></ccwf-notebook>
        </vscode-split-layout>
        ${this.notice === undefined ? nothing : html`<div class="notice" role="alert">
          <vscode-icon name="error"></vscode-icon><span>${this.notice}</span>
          <vscode-toolbar-button icon="close" label="Dismiss" @click=${() => (this.notice = undefined)}></vscode-toolbar-button>
        </div>`}
      </div>
    </div>`;
  }
}

const sameEntries = <K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean =>
  a.size === b.size && [...a].every(([k, v]) => b.has(k) && b.get(k) === v);

customElements.define('ccwf-editor', CcwfEditor);

declare global {
  interface HTMLElementTagNameMap {
    'ccwf-editor': CcwfEditor;
  }
}
