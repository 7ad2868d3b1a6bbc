// Helpers for driving the VS Code workbench page and the workflow editor's webview with Playwright.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { ROOT } from '../workbench.mjs';

export const ARTIFACTS = join(ROOT, 'test-results', 'vscode');

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  // The extension host is up once the status bar has settled; activation happens on open.
  await page.waitForSelector('.statusbar', { timeout: 30_000 });
}

/** Opens a workspace file through Quick Open, as a person would. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor();
  await input.fill(name);
  // Recently opened files are listed before the search answers: pick the row of this file.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
}

/**
 * Opens the command palette. A keystroke can be swallowed while focus moves between a closing
 * editor and a webview, so try again (with F1 too) until the input shows.
 */
async function openPalette(page: Page) {
  const input = page.locator('.quick-input-widget input.input');
  for (const key of ['Control+Shift+P', 'F1', 'Control+Shift+P']) {
    await page.keyboard.press(key);
    if (await input.waitFor({ timeout: 3000 }).then(() => true, () => false)) return input;
    await page.keyboard.press('Escape');
  }
  await input.waitFor();
  return input;
}

/** Runs a command from the palette by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = await openPalette(page);
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** The workflow editor's page: a webview is an iframe (the host) holding an iframe (our page). */
export function editorFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Saves what a person would see, without VS Code's own notification toasts over it. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const closers = page.locator('.notification-toast .codicon-notifications-clear');
  for (let i = await closers.count(); i > 0; i--) await closers.first().click().catch(() => {});
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

