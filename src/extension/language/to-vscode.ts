// The one place language results (offsets, our own types) become VS Code's types.
import * as vscode from 'vscode';
import type { TextEdit } from '../../core/edit/edit-op.js';
import type { Diagnostic } from '../../core/model/diagnostic.js';
import type { SourceRange } from '../../core/model/source-range.js';
import type { CompletionItem, CompletionKind, FoldingRange, SymbolNode } from '../../language/index.js';

export const range = (document: vscode.TextDocument, r: SourceRange): vscode.Range =>
  new vscode.Range(document.positionAt(r.start), document.positionAt(r.end));

export function diagnostic(document: vscode.TextDocument, d: Diagnostic): vscode.Diagnostic {
  const severity = d.severity === 'error' ? vscode.DiagnosticSeverity.Error
    : d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const out = new vscode.Diagnostic(range(document, d.range), d.message, severity);
  out.source = 'ccwf';
  out.code = d.code;
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, range(document, r.range)), r.message));
  }
  return out;
}

export function workspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, range(document, { start: e.offset, end: e.offset + e.length }), e.text);
  return edit;
}

const COMPLETION_KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  key: vscode.CompletionItemKind.Property,
  job: vscode.CompletionItemKind.Function,
  host: vscode.CompletionItemKind.Module,
  'host-kind': vscode.CompletionItemKind.EnumMember,
  file: vscode.CompletionItemKind.File,
  folder: vscode.CompletionItemKind.Folder,
  value: vscode.CompletionItemKind.Value,
  partition: vscode.CompletionItemKind.EnumMember,
};

export function completionItem(document: vscode.TextDocument, item: CompletionItem): vscode.CompletionItem {
  const out = new vscode.CompletionItem(item.label, COMPLETION_KINDS[item.kind]);
  if (item.detail) out.detail = item.detail;
  if (item.documentation) out.documentation = new vscode.MarkdownString(item.documentation);
  if (item.insertText !== undefined) out.insertText = item.snippet ? new vscode.SnippetString(item.insertText) : item.insertText;
  if (item.range) out.range = range(document, item.range);
  if (item.sortText) out.sortText = item.sortText;
  if (item.retrigger) out.command = { command: 'editor.action.triggerSuggest', title: 'More' };
  return out;
}

const SYMBOL_KINDS: Record<SymbolNode['kind'], vscode.SymbolKind> = {
  hosts: vscode.SymbolKind.Namespace,
  host: vscode.SymbolKind.Module,
  jobs: vscode.SymbolKind.Namespace,
  job: vscode.SymbolKind.Function,
  key: vscode.SymbolKind.Property,
};

export function documentSymbol(document: vscode.TextDocument, node: SymbolNode): vscode.DocumentSymbol {
  const out = new vscode.DocumentSymbol(node.name, node.detail ?? '', SYMBOL_KINDS[node.kind], range(document, node.range), range(document, node.selectionRange));
  out.children = node.children.map((c) => documentSymbol(document, c));
  return out;
}

export function foldingRange(document: vscode.TextDocument, f: FoldingRange): vscode.FoldingRange {
  return new vscode.FoldingRange(document.positionAt(f.start).line, document.positionAt(f.end).line,
    f.kind === 'comment' ? vscode.FoldingRangeKind.Comment : undefined);
}

/** Innermost first, as the language returns it; VS Code wants the innermost with parents linked. */
export function selectionRange(document: vscode.TextDocument, chain: readonly SourceRange[]): vscode.SelectionRange {
  let parent: vscode.SelectionRange | undefined;
  for (const r of [...chain].reverse()) parent = new vscode.SelectionRange(range(document, r), parent);
  return parent ?? new vscode.SelectionRange(new vscode.Range(0, 0, 0, 0));
}
