import { html, nothing, type TemplateResult } from 'lit';
import type { Capabilities, ViewProblem, WorkflowView } from '../../src/protocol/messages.js';

// The bars above the panes: toolbar, read-only banner, problems. Plain templates; the editor
// passes the handlers in.

export interface ToolbarActions {
  runWorkflow(): void;
  zoom(factor: number): void;
  fit(): void;
  exportSvg(): void;
  openText(): void;
}

export function toolbarTemplate(view: WorkflowView, caps: Capabilities, zoomPercent: number, act: ToolbarActions): TemplateResult {
  const count = view.cells.length;
  const runTitle = caps.canRun ? 'Run every job of the workflow' : caps.runDisabledReason ?? 'Running is not available here.';
  return html`<div class="toolbar" role="toolbar" aria-label="Workflow">
    <span class="title" title=${view.graph.title ?? ''}>
      <vscode-icon name="type-hierarchy"></vscode-icon>
      <span class="title-text">${view.graph.title ?? 'Workflow'}</span>
      <span class="count">${count} ${count === 1 ? 'job' : 'jobs'}</span>
    </span>
    <span class="action" title=${runTitle}>
      <vscode-button class="run" icon="run-all" aria-label="Run workflow" title=${runTitle} ?disabled=${!caps.canRun}
        aria-disabled=${caps.canRun ? 'false' : 'true'} @click=${() => caps.canRun && act.runWorkflow()}>Run workflow</vscode-button>
    </span>
    <span class="spacer"></span>
    <vscode-toolbar-button icon="zoom-out" label="Zoom out" title="Zoom out (-)" @click=${() => act.zoom(1 / 1.25)}></vscode-toolbar-button>
    <span class="zoom" aria-live="polite" title="Zoom">${zoomPercent}%</span>
    <vscode-toolbar-button icon="zoom-in" label="Zoom in" title="Zoom in (+)" @click=${() => act.zoom(1.25)}></vscode-toolbar-button>
    <vscode-toolbar-button icon="screen-full" label="Fit" title="Fit the graph to the pane" @click=${act.fit}></vscode-toolbar-button>
    <span class="divider" role="separator"></span>
    <vscode-toolbar-button icon="export" label="Export SVG" title="Export the graph as SVG" @click=${act.exportSvg}></vscode-toolbar-button>
    <vscode-toolbar-button icon="go-to-file" label="Open as text" title="Open the workflow file as text" @click=${act.openText}></vscode-toolbar-button>
  </div>`;
}

export function readonlyBanner(view: WorkflowView, caps: Capabilities, convert: () => void): TemplateResult | typeof nothing {
  if (view.format !== 'cloudmesh' && caps.editable) return nothing;
  const cloudmesh = view.format === 'cloudmesh';
  return html`<div class="banner" role="status">
    <vscode-icon name="lock"></vscode-icon>
    <span>${cloudmesh ? 'cloudmesh-cc workflow — read-only here' : 'Read-only here'}</span>
    ${cloudmesh ? html`<span class="banner-hint">Convert it to edit jobs, dependencies and hosts.</span>
      <vscode-button secondary aria-label="Convert to .ccwf" @click=${convert}>Convert to .ccwf</vscode-button>` : nothing}
  </div>`;
}

const SHOWN_PROBLEMS = 3;

export function problemsStrip(problems: readonly ViewProblem[], open: (p: ViewProblem) => void): TemplateResult | typeof nothing {
  if (problems.length === 0) return nothing;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const more = problems.length - SHOWN_PROBLEMS;
  return html`<div class="problems" role="region" aria-label="Problems">
    <span class="problem-counts">
      ${errors > 0 ? html`<vscode-icon name="error" class="error"></vscode-icon>${errors}` : nothing}
      ${warnings > 0 ? html`<vscode-icon name="warning" class="warning"></vscode-icon>${warnings}` : nothing}
    </span>
    <ul>
      ${problems.slice(0, SHOWN_PROBLEMS).map((p) => html`<li>
        <button class="problem ${p.severity}" title="Show line ${p.line + 1} in the text" @click=${() => open(p)}>
          <vscode-icon name=${p.severity === 'error' ? 'error' : 'warning'}></vscode-icon>
          <span class="problem-message">${p.message}</span><span class="problem-line">line ${p.line + 1}</span>
        </button></li>`)}
    </ul>
    ${more > 0 ? html`<span class="more">and ${more} more in the Problems panel</span>` : nothing}
  </div>`;
}
