import * as vscode from 'vscode';
import { EditorSession, type SessionHost } from './editor-session.js';

export const WORKFLOW_EDITOR = 'ccwf.workflowEditor';
/** "Open With…" for cloudmesh-cc YAML: the graph, read-only, with a convert action. */
export const CLOUDMESH_VIEWER = 'ccwf.cloudmeshViewer';

/**
 * The text document stays the file's model (a CustomTextEditorProvider), so VS Code keeps
 * undo/redo, dirty state, save, hot exit and "Reopen as Text" for us.
 */
export class WorkflowEditorProvider implements vscode.CustomTextEditorProvider {
  private readonly sessions = new Set<EditorSession>();
  private active: EditorSession | undefined;

  constructor(private readonly host: Omit<SessionHost, 'activated' | 'closed'>, private readonly viewType: string) {}

  static register(host: Omit<SessionHost, 'activated' | 'closed'>): { providers: WorkflowEditorProvider[]; disposables: vscode.Disposable[] } {
    const providers = [new WorkflowEditorProvider(host, WORKFLOW_EDITOR), new WorkflowEditorProvider(host, CLOUDMESH_VIEWER)];
    const disposables = providers.map((p) => vscode.window.registerCustomEditorProvider(p.viewType, p, {
      // Live run state and layout are cheap to rebuild; hidden webviews cost memory.
      webviewOptions: { retainContextWhenHidden: false },
      supportsMultipleEditorsPerDocument: true,
    }));
    return { providers, disposables };
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const session = new EditorSession(document, panel, {
      ...this.host,
      runDisabledReason: () => this.host.runDisabledReason(),
      onDidChangeRunAvailability: this.host.onDidChangeRunAvailability,
      extensionUri: this.host.extensionUri,
      log: this.host.log,
      activated: (s) => {
        this.active = s;
      },
      closed: (s) => {
        this.sessions.delete(s);
        if (this.active === s) this.active = undefined;
      },
    }, this.viewType === CLOUDMESH_VIEWER);
    this.sessions.add(session);
  }

  /** The editor of this provider that is focused now, if any. */
  get activeSession(): EditorSession | undefined {
    return this.active?.panel.active ? this.active : undefined;
  }

  sessionFor(uri: vscode.Uri): EditorSession | undefined {
    return [...this.sessions].find((s) => s.document.uri.toString() === uri.toString());
  }
}
