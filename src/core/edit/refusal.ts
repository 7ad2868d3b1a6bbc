/**
 * Thrown inside the edit code when an op cannot be made as a local text change; `applyEditOp`
 * turns it into `{ error }`. Throwing keeps the many early exits short; nothing escapes the module.
 */
export class EditRefused extends Error {}

export function refuse(message: string): never {
  throw new EditRefused(message);
}
