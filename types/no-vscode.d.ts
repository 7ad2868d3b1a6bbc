// Stands in for `vscode` when type-checking the core, language features, protocol and CLI
// (tsconfig.core.json): it exports nothing, so any use of the VS Code API there fails the check.
export {};
