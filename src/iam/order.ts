/** Code-unit order: the same on every machine, whatever the process locale (`localeCompare` is not). */
export function byCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
