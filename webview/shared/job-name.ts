/**
 * Why `name` cannot be the name of a new or renamed job, or undefined when it can. The host
 * checks again; this is for saying so while the person types.
 */
export function jobNameProblem(name: string, existing: readonly string[], current?: string): string | undefined {
  if (name.trim() === '') return 'Enter a name.';
  if (name !== name.trim()) return 'A job name cannot start or end with a space.';
  if (/[\r\n\t]/.test(name)) return 'A job name is one line.';
  if (name.length > 200) return 'That name is too long.';
  if (name !== current && existing.includes(name)) return `There is already a job named “${name}”.`;
  return undefined;
}
