import type { ChildProcess } from 'node:child_process';
import type { Page } from 'playwright-core';

export const ROOT: string;
export const SUITE_OUT: string;
export const SUITE_FILES: Record<string, string>;
export function ensureInstalled(): void;
export function ensureBuilt(): void;
export function buildSuite(): Promise<void>;

export interface WorkbenchOptions {
  /** {name in the workspace: path in the repository} copied into a fresh workspace. */
  files?: Record<string, string>;
  /** false opens the workspace in Restricted Mode. */
  trusted?: boolean;
  settings?: Record<string, unknown>;
  /** extensionTestsPath for extension-host suites. */
  tests?: string;
  env?: Record<string, string>;
  theme?: string;
}

export interface Workbench {
  page: Page;
  workspace: string;
  tmp: string;
  server: ChildProcess & { extensionHostExited: Promise<void> };
  logs(): string;
  close(): Promise<void>;
}

export function openWorkbench(options?: WorkbenchOptions): Promise<Workbench>;
