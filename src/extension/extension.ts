// The only code that imports `vscode`. For now a placeholder command, so the real-VS Code
// harness (test/vscode/) has an activation to test.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('ccwf.hello', () => 'ccwf'));
}

export function deactivate(): void {}
