import { LitElement, html, nothing } from 'lit';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { emit } from '../shared/events.js';
import { jobNameProblem } from '../shared/job-name.js';
import { addJobStyles } from './ccwf-add-job.styles.js';

/** The last row of the notebook: a name, and a new job that needs the selected one. */
export class CcwfAddJob extends LitElement {
  static override styles = addJobStyles;
  static override properties = {
    names: { attribute: false },
    upstream: { attribute: false },
    problem: { state: true },
  };

  declare names: readonly string[];
  /** The selected job, which the new job will need. */
  declare upstream: string | undefined;
  declare problem: string | undefined;

  constructor() {
    super();
    this.names = [];
  }

  private get field(): VscodeTextfield | null {
    return this.renderRoot.querySelector('vscode-textfield');
  }

  private submit(): void {
    const field = this.field;
    if (!field) return;
    const name = field.value;
    this.problem = jobNameProblem(name, this.names);
    if (this.problem) {
      field.focus();
      return;
    }
    emit(this, 'ccwf-post', {
      type: 'edit',
      edit: { op: 'addJob', name, ...(this.upstream !== undefined && this.names.includes(this.upstream) ? { needs: [this.upstream] } : {}) },
    });
    field.value = '';
  }

  protected override render() {
    const upstream = this.upstream !== undefined && this.names.includes(this.upstream) ? this.upstream : undefined;
    return html`<form class="add-job" @submit=${(e: Event) => {
      e.preventDefault();
      this.submit();
    }}>
      <vscode-textfield aria-label="New job name" placeholder="New job name" ?invalid=${this.problem !== undefined}
        @input=${() => (this.problem = undefined)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            this.submit();
          }
        }}></vscode-textfield>
      <vscode-button icon="add" aria-label="Add job" @click=${() => this.submit()}>Add job</vscode-button>
      <span class="hint">${this.problem
        ? html`<span class="problem" role="alert">${this.problem}</span>`
        : upstream !== undefined ? html`The new job will need <strong>${upstream}</strong>.` : nothing}</span>
    </form>`;
  }
}

customElements.define('ccwf-add-job', CcwfAddJob);

declare global {
  interface HTMLElementTagNameMap {
    'ccwf-add-job': CcwfAddJob;
  }
}
