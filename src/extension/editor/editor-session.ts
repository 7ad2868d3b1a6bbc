import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { runsDirOf } from '../settings.js';
import type { Diagnostic } from '../../core/model/diagnostic.js';
import type { Workflow } from '../../core/model/workflow.js';
import { parseFromWebview, type Capabilities, type FromWebview, type ToWebview, type WorkflowView } from '../../protocol/messages.js';
import { diffView } from '../../protocol/view-patch.js';
import { webviewHtml } from '../../../webview/webview-html.js';
import { DisposableStore } from '../disposables.js';
import { buildView, jobAt, viewOf } from './build-view.js';
import { LiveRun } from './live-run.js';
import { applyStructuralEdit } from './text-edits.js';

/**
 * Typing re-renders the graph half a parse after the last keystroke (within these bounds): short
 * for ordinary files, longer for files whose parse takes long, so a burst of keys parses once.
 * Half, not a whole one: the parse itself comes on top, and both must fit in the ~0.3 s a person
 * still sees as immediate (for 1,000 jobs a warm parse takes 0.05-0.15 s in the extension host).
 */
const MIN_DEBOUNCE_MS = 30;
const MAX_DEBOUNCE_MS = 400;

export interface SessionHost {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** Why jobs cannot be run from the editor right now, or undefined when they can. */
  runDisabledReason(): string | undefined;
  readonly onDidChangeRunAvailability: vscode.Event<void>;
  /** The session became the active one (for commands without an argument). */
  activated(session: EditorSession): void;
  closed(session: EditorSession): void;
  /**
   * The language features' analysis of the document as it is now, if they have one: the editor
   * reuses it rather than parsing the same text a second time.
   */
  analysisOf?(document: vscode.TextDocument): { readonly workflow: Workflow; readonly diagnostics: readonly Diagnostic[] } | undefined;
}

/** One open workflow editor: a text document, its webview, and the run it shows. */
export class EditorSession implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private ready = false;
  private workflow: Workflow | undefined;
  private sentVersion = -1;
  private debounce: NodeJS.Timeout | undefined;
  /** How long a warm parse of this text takes, as last measured or estimated. */
  private buildMs = 0;
  /** The view built while the webview loads, handed over in `init` if the text is unchanged. */
  private earlyView: WorkflowView | undefined;
  private earlyBuild: NodeJS.Timeout | undefined;
  /** The view the webview holds: the next one goes as the changes from it. */
  private sent: WorkflowView | undefined;
  private readonly live: LiveRun | undefined;
  /** Where the text cursor moved while the text was not parsed yet: told with the next view. */
  private cursorWhileTyping: vscode.Position | undefined;
  /** Set while our own selection reveal is in flight, so it does not echo back to the webview. */
  private revealing = false;

  constructor(
    readonly document: vscode.TextDocument,
    readonly panel: vscode.WebviewPanel,
    private readonly host: SessionHost,
    /** The "Open With…" graph of cloudmesh-cc YAML never edits the file. */
    private readonly viewerOnly: boolean,
  ) {
    const webviewRoot = vscode.Uri.joinPath(host.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [webviewRoot] };
    panel.webview.html = webviewHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'main.js')).toString(),
      codiconsUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'codicons', 'codicon.css')).toString(),
      title: basename(document.uri.path),
    });
    this.disposables.add(panel.webview.onDidReceiveMessage((m) => this.receive(m)));
    this.disposables.add(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === document && e.contentChanges.length > 0) this.scheduleView();
    }));
    this.disposables.add(vscode.window.onDidChangeTextEditorSelection((e) => this.followCursor(e)));
    this.disposables.add(host.onDidChangeRunAvailability(() => this.post({ type: 'capabilities', capabilities: this.capabilities() })));
    this.disposables.add(panel.onDidChangeViewState(() => {
      if (panel.active) host.activated(this);
    }));
    if (document.uri.scheme === 'file') {
      this.live = this.disposables.add(new LiveRun(document.uri.fsPath, runsDirOf(document.uri.fsPath), (u) => {
        this.post({ type: 'runState', runId: u.runId, jobs: u.jobs, ...(u.reset ? { reset: true } : {}) });
      }, host.log));
    }
    panel.onDidDispose(() => this.dispose());
    host.activated(this);
    // The first parse is the slowest: do it while the webview loads its script, not after `ready`.
    // A timer, so the page's HTML goes out to the workbench before this blocks the extension host.
    this.earlyBuild = setTimeout(() => (this.earlyView = this.computeView(true)), 0);
  }

  /** The workflow as last parsed (for commands acting on this editor). */
  get currentWorkflow(): Workflow | undefined {
    return this.workflow;
  }

  dispose(): void {
    clearTimeout(this.debounce);
    clearTimeout(this.earlyBuild);
    this.disposables.dispose();
    this.host.closed(this);
  }

  private post(message: ToWebview): void {
    // Before `ready` the webview would drop it; it gets everything in `init`.
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** Sends a new view as the changes from the last one: a few hundred bytes for typing, not 300 KB. */
  private postView(view: WorkflowView): void {
    if (!this.ready) return;
    const patch = this.sent && diffView(this.sent, view);
    this.sent = view;
    this.post(patch ? { type: 'viewPatch', patch } : { type: 'view', view });
    if (this.cursorWhileTyping) this.postCursorJob(this.cursorWhileTyping);
    this.cursorWhileTyping = undefined;
  }

  private capabilities(): Capabilities {
    const reason = this.host.runDisabledReason();
    return {
      editable: !this.viewerOnly && this.workflow?.format !== 'cloudmesh',
      canRun: reason === undefined,
      ...(reason === undefined ? {} : { runDisabledReason: reason }),
    };
  }

  /** Parses the text into the view to send. `cold`: the first parse, ~2x slower than the next (1.2-3x). */
  private computeView(cold = false): WorkflowView {
    const dir = dirname(this.document.uri.fsPath);
    const fileExists = this.document.uri.scheme === 'file'
      ? (p: string) => existsSync(isAbsolute(p) ? p : join(dir, p))
      : undefined;
    const started = performance.now();
    const shared = this.host.analysisOf?.(this.document);
    const result = shared
      ? viewOf(shared.workflow, shared.diagnostics, this.document.getText(), this.document.version)
      : buildView(this.document.getText(), this.document.version, fileExists ? { fileExists } : {});
    this.buildMs = (performance.now() - started) / (cold ? 2 : 1);
    this.workflow = result.workflow;
    this.live?.setColors(result.workflow.colors);
    this.sentVersion = this.document.version;
    return result.view;
  }

  private scheduleView(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      if (this.ready && this.document.version !== this.sentVersion) this.postView(this.computeView());
    }, Math.min(MAX_DEBOUNCE_MS, Math.max(MIN_DEBOUNCE_MS, this.buildMs / 2)));
  }

  /** Handles a message as if the webview had posted it (the webview, and tests in Test mode). */
  async receive(raw: unknown): Promise<void> {
    const message = parseFromWebview(raw);
    if (!message) {
      this.host.log.warn(`Ignored a malformed message from the workflow editor: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(message);
    } catch (e) {
      this.host.log.error(`Workflow editor: ${message.type} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        clearTimeout(this.earlyBuild);
        const early = this.earlyView?.version === this.document.version ? this.earlyView : undefined;
        this.earlyView = undefined;
        const view = early ?? this.computeView(this.buildMs === 0);
        this.sent = view;
        this.post({ type: 'init', view, capabilities: this.capabilities() });
        this.live?.resend();
        return;
      }
      case 'edit': {
        if (!this.capabilities().editable) {
          this.post({ type: 'editFailed', reason: 'This workflow is read-only here: convert it to .ccwf to edit it.' });
          return;
        }
        const failure = await applyStructuralEdit(this.document, message.edit);
        if (failure) this.post({ type: 'editFailed', reason: failure });
        else {
          // Answer at once rather than after the typing debounce: the user is waiting for it.
          clearTimeout(this.debounce);
          if (this.document.version !== this.sentVersion) this.postView(this.computeView());
        }
        return;
      }
      case 'selectJob':
        await this.revealJob(message.job, false);
        return;
      case 'openInText':
        await this.revealJob(message.job, true);
        return;
      case 'command':
        await vscode.commands.executeCommand(`ccwf.${message.command}`, this.document.uri, ...(message.job === undefined ? [] : [message.job]));
        return;
      case 'error':
        this.host.log.error(`Workflow editor (webview): ${message.message}`);
        return;
      default: {
        const never: never = message;
        throw new Error(`unhandled message ${JSON.stringify(never)}`);
      }
    }
  }

  /** Shows the job's key in a text editor: the visible one, or (when asked to) a new one beside. */
  private async revealJob(name: string | undefined, open: boolean): Promise<void> {
    const job = name === undefined ? undefined : this.workflow?.jobs.get(name);
    const range = job
      ? new vscode.Range(this.document.positionAt(job.nameRange.start), this.document.positionAt(job.nameRange.end))
      : undefined;
    let editor = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
    if (!editor && open) {
      editor = await vscode.window.showTextDocument(this.document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false, ...(range ? { selection: range } : {}) });
    }
    if (!editor || !range) return;
    this.revealing = true;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private followCursor(e: vscode.TextEditorSelectionChangeEvent): void {
    if (e.textEditor.document !== this.document || !this.workflow) return;
    if (this.revealing) {
      this.revealing = false;
      return;
    }
    // While typing, the last parse's offsets no longer fit the text: the cursor would seem to leave
    // its job at a keystroke and come back with the next view, each time redrawing the webview,
    // which shares the workbench's main thread with the typing. The next view says it instead.
    if (this.document.version !== this.sentVersion) {
      this.cursorWhileTyping = e.selections[0]!.active;
      return;
    }
    this.postCursorJob(e.selections[0]!.active);
  }

  private postCursorJob(cursor: vscode.Position): void {
    if (this.workflow) this.post({ type: 'select', job: jobAt(this.workflow, this.document.offsetAt(cursor)) });
  }
}
