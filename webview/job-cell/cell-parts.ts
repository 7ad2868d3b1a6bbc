import { html, nothing, type TemplateResult } from 'lit';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { JobCell, JobLiveState, WebviewCommand } from '../../src/protocol/messages.js';
import type { CcwfJobCell } from './ccwf-job-cell.js';

// The parts of a job cell below its header, as plain templates over the cell element.

const valueOf = (e: Event): string => (e.currentTarget as HTMLInputElement).value;
const isCommitKey = (e: KeyboardEvent): boolean => e.key === 'Enter' && (e.ctrlKey || e.metaKey);

export function descriptionTemplate(el: CcwfJobCell): TemplateResult | typeof nothing {
  const { cell } = el;
  if (!el.permissions.editable) return cell.description ? html`<p class="description">${cell.description}</p>` : nothing;
  const commit = (value: string) => {
    if (value !== (cell.description ?? '')) el.edit({ op: 'setField', job: cell.name, key: 'description', ...(value ? { value } : {}) });
  };
  return html`<vscode-textfield class="description-field" aria-label="Description of ${cell.name}" placeholder="Add a description"
    .value=${cell.description ?? ''} @change=${(e: Event) => commit(valueOf(e))}
    @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (e.currentTarget as HTMLElement).blur()}></vscode-textfield>`;
}

export function commandTemplate(el: CcwfJobCell): TemplateResult {
  const { cell } = el;
  const key = cell.commandKey ?? 'run';
  const label = key === 'script' ? 'Script' : 'Run';
  const commit = (value: string) => {
    if (value === cell.command) return;
    el.edit({ op: 'setField', job: cell.name, key, ...(value === '' ? {} : { value }) });
  };
  const onKey = (e: KeyboardEvent) => {
    if (isCommitKey(e)) {
      e.preventDefault();
      commit(valueOf(e));
    } else if (e.key === 'Escape') {
      (e.currentTarget as HTMLInputElement).value = cell.command;
    }
  };
  const hint = key === 'script' ? 'A file next to the workflow: .sh, .py, .ipynb or any executable' : 'Shell command; Ctrl+Enter to apply';
  if (!el.permissions.editable) {
    return html`<div class="command"><span class="field-label">${label}</span><pre class="code readonly" aria-label="${label} of ${cell.name}">${cell.command}</pre></div>`;
  }
  const field = key === 'script'
    ? html`<vscode-textfield class="code-field" aria-label="Script of ${cell.name}" title=${hint} placeholder="path/to/script.sh"
        .value=${cell.command} @change=${(e: Event) => commit(valueOf(e))} @keydown=${onKey}></vscode-textfield>`
    : html`<vscode-textarea class="code-field" monospace resize="vertical" aria-label="Run command of ${cell.name}" title=${hint}
        placeholder="echo hello" rows=${Math.min(12, Math.max(1, cell.command.split('\n').length))}
        .value=${cell.command} @change=${(e: Event) => commit(valueOf(e))} @keydown=${onKey}></vscode-textarea>`;
  return html`<div class="command"><span class="field-label">${label}</span>${field}</div>`;
}

/** Jobs this one may newly need: not itself, not already, not one that (indirectly) needs it. */
export function needCandidates(cell: JobCell, cells: readonly JobCell[]): string[] {
  const dependents = new Map<string, string[]>();
  for (const c of cells) for (const n of c.needs) dependents.set(n, [...(dependents.get(n) ?? []), c.name]);
  const downstream = new Set([cell.name]);
  const queue = [cell.name];
  while (queue.length > 0) {
    for (const d of dependents.get(queue.pop()!) ?? []) {
      if (!downstream.has(d)) {
        downstream.add(d);
        queue.push(d);
      }
    }
  }
  return cells.map((c) => c.name).filter((n) => !downstream.has(n) && !cell.needs.includes(n));
}

export function needsTemplate(el: CcwfJobCell): TemplateResult {
  const { cell } = el;
  const editable = el.permissions.editable;
  const chips = cell.needs.map((need) => html`<span class="chip" data-need=${need}>
    <span class="chip-name" title=${need}>${need}</span>
    ${editable ? html`<vscode-icon name="close" action-icon label="Remove dependency on ${need}" title="Remove dependency on ${need}"
      @vsc-click=${() => el.edit({ op: 'removeNeed', job: cell.name, need })}></vscode-icon>` : nothing}
  </span>`);
  return html`<div class="needs">
    <span class="field-label">Needs</span>
    ${chips.length === 0 ? html`<span class="none">nothing, starts first</span>` : chips}
    ${editable ? (el.addingNeed ? addNeedTemplate(el) : html`<vscode-toolbar-button class="add-need" icon="add" label="Add dependency"
      title="Add a job this one needs" @click=${() => el.setAddingNeed(true)}>Add</vscode-toolbar-button>`) : nothing}
  </div>`;
}

function addNeedTemplate(el: CcwfJobCell): TemplateResult {
  const { cell } = el;
  const candidates = needCandidates(cell, el.cells);
  if (candidates.length === 0) {
    return html`<span class="none">no other job can be added without a cycle</span>
      <vscode-toolbar-button icon="close" label="Cancel adding a dependency" @click=${() => el.setAddingNeed(false)}></vscode-toolbar-button>`;
  }
  const choose = (e: Event) => {
    const need = (e.currentTarget as VscodeSingleSelect).value;
    if (!need) return;
    el.setAddingNeed(false);
    el.edit({ op: 'addNeed', job: cell.name, need });
  };
  return html`<vscode-single-select class="need-select" combobox filter="contains" label="Job ${cell.name} needs" aria-label="Job to depend on"
      @change=${choose} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && el.setAddingNeed(false)}>
      <vscode-option value="" selected>Choose a job…</vscode-option>
      ${candidates.map((n) => html`<vscode-option value=${n}>${n}</vscode-option>`)}
    </vscode-single-select>
    <vscode-toolbar-button icon="close" label="Cancel adding a dependency" @click=${() => el.setAddingNeed(false)}></vscode-toolbar-button>`;
}

export function outputTemplate(live: JobLiveState | undefined): TemplateResult | typeof nothing {
  const tail = live?.tail ?? [];
  if (tail.length === 0) return nothing;
  return html`<div class="output-block"><span class="field-label">Output</span>
    <pre class="output" aria-label="Last lines of output" tabindex="0">${tail.join('\n')}</pre></div>`;
}

interface RunAction {
  readonly label: string;
  readonly text: string;
  readonly icon: string;
  readonly command: WebviewCommand;
  readonly title: string;
  /** Why this action does not apply to the job's state right now. */
  readonly notNow?: string;
}

export function actionsTemplate(el: CcwfJobCell): TemplateResult {
  const { canRun, runDisabledReason } = el.permissions;
  const status = el.live?.status;
  const active = status === 'running' || status === 'submitted';
  const actions: RunAction[] = [
    { label: 'Run job', text: 'Run', icon: 'play', command: 'runJob', title: `Run ${el.cell.name} alone` },
    { label: 'Run from here', text: 'Run from here', icon: 'run-below', command: 'runFromJob', title: `Run ${el.cell.name} and every job after it` },
    { label: 'Cancel', text: 'Cancel', icon: 'debug-stop', command: 'cancelJob', title: `Cancel ${el.cell.name}`, ...(active ? {} : { notNow: 'The job is not running.' }) },
  ];
  const reason = runDisabledReason ?? 'Running is not available here.';
  return html`<footer class="actions">
    ${actions.map((a) => {
      const disabled = !canRun || a.notNow !== undefined;
      const title = !canRun ? reason : a.notNow ?? a.title;
      // A disabled button takes no pointer events, so its wrapper carries the tooltip.
      return html`<span class="action" title=${title}><vscode-button secondary icon=${a.icon} aria-label=${a.label} title=${title}
        ?disabled=${disabled} aria-disabled=${disabled ? 'true' : 'false'}
        @click=${() => !disabled && el.command(a.command)}>${a.text}</vscode-button></span>`;
    })}
    <span class="action"><vscode-button secondary icon="output" aria-label="Open log" title="Open the log of ${el.cell.name}"
      @click=${() => el.command('showJobLog')}>Log</vscode-button></span>
  </footer>`;
}
