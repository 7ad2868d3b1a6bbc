// The few `vscode` API declarations this folder and test/vscode use, until `@types/vscode`
// (1.96.0, matching engines.vscode) is a devDependency. Delete this file then: the two would clash.
declare module 'vscode' {
  export interface Disposable {
    dispose(): unknown;
  }
  export interface ExtensionContext {
    readonly subscriptions: Disposable[];
  }
  export interface Extension<T> {
    readonly id: string;
    readonly isActive: boolean;
    readonly exports: T;
    activate(): PromiseLike<T>;
  }
  export namespace commands {
    export function registerCommand(command: string, callback: (...args: any[]) => any): Disposable;
    export function executeCommand<T = unknown>(command: string, ...rest: any[]): PromiseLike<T>;
  }
  export namespace extensions {
    export const all: readonly Extension<any>[];
    export function getExtension<T = any>(extensionId: string): Extension<T> | undefined;
  }
  export const version: string;
}
