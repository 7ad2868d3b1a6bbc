import { createHash } from 'node:crypto';

/**
 * A file name for a job's log that is safe on every platform. Job names are free text
 * (cloudmesh-cc allows anything), so unsafe characters are replaced and a short hash keeps
 * names that differ only in those characters apart.
 */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 80);
  if (cleaned === name && cleaned.length > 0) return cleaned;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${cleaned}-${hash}`;
}
