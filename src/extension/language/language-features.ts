import * as vscode from 'vscode';
import {
  analyze, codeActions, completions, definition, diagnosticsOf, documentSymbols, foldingRanges, hover, jobLenses,
  lensTitle, prepareRename, references, rename, selectionRanges, type Analysis,
} from '../../language/index.js';
import { DisposableStore } from '../disposables.js';
import { languageContext } from './language-context.js';
import * as to from './to-vscode.js';

/** `.ccwf` files, and YAML files that are cloudmesh-cc workflows (checked per document). */
const SELECTOR: vscode.DocumentSelector = [{ language: 'ccwf' }, { language: 'yaml' }];
const MIN_DEBOUNCE_MS = 30;
const MAX_DEBOUNCE_MS = 500;

/** A YAML file is ours only if it has cloudmesh-cc's top-level `workflow:`; look before parsing. */
const mayBeCloudmesh = (text: string) => /^workflow:\s*(#.*)?$/m.test(text);

/**
 * Wires the pure language features (src/language) to VS Code: one analysis per document
 * version, shared by every provider; diagnostics recomputed shortly after typing stops.
 */
export class LanguageFeatures implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly cache = new Map<string, { version: number; analysis: Analysis | undefined }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly diagnostics: vscode.DiagnosticCollection;
  private lastAnalyzeMs = 0;
  private readonly lensesChanged = new vscode.EventEmitter<void>();

  constructor() {
    this.diagnostics = this.disposables.add(vscode.languages.createDiagnosticCollection('ccwf'));
    const d = this.disposables;
    d.add(vscode.workspace.onDidOpenTextDocument((doc) => this.refresh(doc, 0)));
    d.add(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) this.refresh(e.document, Math.min(MAX_DEBOUNCE_MS, Math.max(MIN_DEBOUNCE_MS, this.lastAnalyzeMs)));
    }));
    d.add(vscode.workspace.onDidCloseTextDocument((doc) => {
      const key = doc.uri.toString();
      this.cache.delete(key);
      clearTimeout(this.timers.get(key));
      this.diagnostics.delete(doc.uri);
    }));
    d.add(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('ccwf.hosts')) for (const doc of vscode.workspace.textDocuments) this.refresh(doc, 0);
    }));
    for (const doc of vscode.workspace.textDocuments) this.refresh(doc, 0);
    this.registerProviders();
  }

  /** Code lenses show run state and run actions: ask VS Code for them again (a run changed, trust was granted). */
  refreshLenses(): void {
    this.lensesChanged.fire();
  }

  dispose(): void {
    this.lensesChanged.dispose();
    for (const t of this.timers.values()) clearTimeout(t);
    this.disposables.dispose();
  }

  /** The analysis of the document as it is now (parsing it if the cache is older). */
  analysisOf(document: vscode.TextDocument): Analysis | undefined {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached?.version === document.version) return cached.analysis;
    const text = document.getText();
    let analysis: Analysis | undefined;
    if (document.languageId === 'ccwf' || mayBeCloudmesh(text)) {
      const started = performance.now();
      analysis = analyze(text, languageContext(document));
      this.lastAnalyzeMs = performance.now() - started;
      if (document.languageId !== 'ccwf' && analysis.format !== 'cloudmesh') analysis = undefined;
    }
    this.cache.set(key, { version: document.version, analysis });
    return analysis;
  }

  /** The latest analysis even if older than the text: for completion, which must not wait for a parse. */
  private staleAnalysisOf(document: vscode.TextDocument): Analysis | undefined {
    return this.cache.get(document.uri.toString())?.analysis ?? this.analysisOf(document);
  }

  private refresh(document: vscode.TextDocument, delayMs: number): void {
    if (document.languageId !== 'ccwf' && document.languageId !== 'yaml') return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (document.isClosed) return;
      const analysis = this.analysisOf(document);
      if (!analysis) {
        this.diagnostics.delete(document.uri);
        return;
      }
      this.diagnostics.set(document.uri, diagnosticsOf(analysis, languageContext(document)).map((d) => to.diagnostic(document, d)));
    }, delayMs));
  }

  private registerProviders(): void {
    const d = this.disposables;
    const withAnalysis = <T>(document: vscode.TextDocument, f: (a: Analysis) => T): T | undefined => {
      const a = this.analysisOf(document);
      return a ? f(a) : undefined;
    };
    d.add(vscode.languages.registerCompletionItemProvider(SELECTOR, {
      provideCompletionItems: (document, position) => {
        const analysis = this.staleAnalysisOf(document);
        if (!analysis) return undefined;
        return completions(document.getText(), document.offsetAt(position), analysis, languageContext(document))
          .map((item) => to.completionItem(document, item));
      },
    }, ':', ' ', '[', ',', '-', '/'));
    d.add(vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover: (document, position) => withAnalysis(document, (a) => {
        const h = hover(a, document.offsetAt(position), languageContext(document));
        return h && new vscode.Hover(new vscode.MarkdownString(h.contents), to.range(document, h.range));
      }),
    }));
    d.add(vscode.languages.registerDefinitionProvider(SELECTOR, {
      provideDefinition: (document, position) => withAnalysis(document, (a) =>
        definition(a, document.offsetAt(position)).map((link): vscode.LocationLink => ({
          originSelectionRange: to.range(document, link.origin),
          targetUri: document.uri,
          targetRange: to.range(document, link.target),
        }))),
    }));
    d.add(vscode.languages.registerReferenceProvider(SELECTOR, {
      provideReferences: (document, position, context) => withAnalysis(document, (a) =>
        references(a, document.offsetAt(position), context.includeDeclaration).map((r) => new vscode.Location(document.uri, to.range(document, r)))),
    }));
    d.add(vscode.languages.registerRenameProvider(SELECTOR, {
      prepareRename: (document, position) => withAnalysis(document, (a) => {
        const p = prepareRename(a, document.offsetAt(position), languageContext(document));
        if ('error' in p) throw new Error(p.error);
        return { range: to.range(document, p.range), placeholder: p.placeholder };
      }),
      provideRenameEdits: (document, position, newName) => withAnalysis(document, (a) => {
        const r = rename(a, document.offsetAt(position), newName, languageContext(document));
        if ('error' in r) throw new Error(r.error);
        return to.workspaceEdit(document, r.edits);
      }),
    }));
    d.add(vscode.languages.registerDocumentSymbolProvider(SELECTOR, {
      provideDocumentSymbols: (document) => withAnalysis(document, (a) => documentSymbols(a).map((s) => to.documentSymbol(document, s))),
    }, { label: 'ccwf' }));
    d.add(vscode.languages.registerFoldingRangeProvider(SELECTOR, {
      provideFoldingRanges: (document) => withAnalysis(document, (a) => foldingRanges(a).map((f) => to.foldingRange(document, f))),
    }));
    d.add(vscode.languages.registerSelectionRangeProvider(SELECTOR, {
      provideSelectionRanges: (document, positions) => withAnalysis(document, (a) =>
        selectionRanges(a, positions.map((p) => document.offsetAt(p))).map((chain) => to.selectionRange(document, chain))),
    }));
    d.add(vscode.languages.registerCodeLensProvider(SELECTOR, {
      onDidChangeCodeLenses: this.lensesChanged.event,
      provideCodeLenses: (document) => withAnalysis(document, (a) => {
        // Nothing that runs is offered where nothing may run (Restricted Mode, virtual files).
        const canRun = vscode.workspace.isTrusted && document.uri.scheme === 'file';
        return jobLenses(a, languageContext(document)).flatMap((lens) => {
          const range = to.range(document, lens.range);
          const args = [document.uri, lens.job];
          const status = new vscode.CodeLens(range, {
            title: lensTitle(lens),
            command: lens.status === undefined ? '' : 'ccwf.showJobLog',
            ...(lens.status === undefined ? {} : { arguments: args }),
            tooltip: lens.status === undefined ? `Job '${lens.job}' has not run yet` : `Show the log of '${lens.job}' from its last run`,
          });
          if (!canRun) return [status];
          return [
            new vscode.CodeLens(range, { title: '$(play) Run job', command: 'ccwf.runJob', arguments: args, tooltip: `Run only '${lens.job}'` }),
            new vscode.CodeLens(range, { title: 'Run from here', command: 'ccwf.runFromJob', arguments: args, tooltip: `Run '${lens.job}' and everything that needs it` }),
            status,
          ];
        });
      }),
    }));
    d.add(vscode.languages.registerCodeActionsProvider(SELECTOR, {
      provideCodeActions: (document, selection, context) => withAnalysis(document, (a) => {
        const start = document.offsetAt(selection.start);
        const end = document.offsetAt(selection.end);
        const here = a.diagnostics.filter((x) => x.range.start <= end && x.range.end >= start);
        return codeActions(a, { start, end }, here).map((action) => {
          const kind = action.kind === 'quickfix' ? vscode.CodeActionKind.QuickFix : vscode.CodeActionKind.Refactor;
          const out = new vscode.CodeAction(action.title, kind);
          if (action.preferred) out.isPreferred = true;
          if (action.edits) out.edit = to.workspaceEdit(document, action.edits);
          if (action.command) out.command = { command: action.command.id, title: action.command.title, arguments: [document.uri] };
          if (action.fixes) {
            const fixed = action.fixes;
            out.diagnostics = context.diagnostics.filter((v) => v.code === fixed.code && document.offsetAt(v.range.start) === fixed.range.start);
          }
          return out;
        });
      }),
    }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.Refactor] }));
  }
}
