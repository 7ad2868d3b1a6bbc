import * as vscode from 'vscode';
import type { CcwfTestApi } from '../../../src/extension/extension.js';

export const EXTENSION_ID = 'ccwf.ccwf';

export function workspaceUri(...parts: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, ...parts);
}

export async function api(): Promise<CcwfTestApi> {
  const extension = vscode.extensions.getExtension<CcwfTestApi>(EXTENSION_ID)!;
  const exports = await extension.activate();
  if (!exports) throw new Error('the extension did not hand out its test API (not in Test mode?)');
  return exports;
}

/** Waits until `probe` returns a truthy value (checked on every tick of 25 ms), or fails with `what`. */
export async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function activeCustomEditor(): vscode.TabInputCustom | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input : undefined;
}

/** Reverts every unsaved change (tests never save) and closes all editors, without prompts. */
export async function closeAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
