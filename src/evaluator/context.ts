import type { ContextEntry } from '../model/request.js';

/**
 * Read access to a request context for one evaluation. Key names are case-insensitive. Records which
 * assumed values (documented defaults such as aws:SecureTransport, and derivations that guess a part,
 * such as a session's role path) a policy actually consulted, so the output lists exactly the
 * assumptions the decision rests on.
 */
export class ContextView {
  readonly consultedDefaults = new Set<string>();

  constructor(private readonly entries: ReadonlyMap<string, ContextEntry>) {}

  get(keyLower: string): ContextEntry | undefined {
    const e = this.entries.get(keyLower);
    if (e && (e.origin === 'default' || e.assumption !== undefined)) this.consultedDefaults.add(e.key);
    return e;
  }

  /** A policy variable's value: the key's single value, or undefined when absent or multivalued. */
  readonly lookup = (key: string): string | undefined => {
    const e = this.get(key.toLowerCase());
    if (!e || e.multi || e.values.length !== 1) return undefined;
    return e.values[0];
  };
}
