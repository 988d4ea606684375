import type { ContextInput } from './request.js';
import type { Effect, PolicyType } from './policy.js';

export type Decision = 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny';
export type LayerResult = Decision | 'NotApplicable';

/** How one condition (operator + key) fared against the request: the policy's values beside the request's. */
export interface ConditionTrace {
  operator: string;
  key: string;
  policyValues: string[];
  /** The request's value; null when the key is absent from the request context. */
  requestValue: ContextInput | null;
  /** Where the request's value came from when present. */
  requestValueOrigin?: 'request' | 'derived' | 'default';
  result: boolean;
  /** Set when a value could not be compared (wrong type for the operator, unresolved variable). */
  error?: string;
  /** One sentence saying why the result is what it is. */
  reason: string;
  line: number;
  column: number;
}

export type ElementName = 'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Principal' | 'NotPrincipal' | 'Condition';

/** Why a statement did or did not apply to the request. */
export interface StatementMatch {
  policyType: PolicyType;
  source: string;
  /** Position of the policy within its layer (identity policies are a list; SCP levels hold lists). */
  policyIndex: number;
  level?: number;
  statementIndex: number;
  sid?: string;
  effect: Effect;
  line: number;
  column: number;
  applies: boolean;
  /** The first element that did not match, when the statement does not apply. */
  failedElement?: ElementName;
  /** The pattern or principal value that matched, per element (absent when none did). */
  matched: Partial<Record<'action' | 'resource' | 'principal', string>>;
  /** Human-readable reason for the element that decided. */
  reason: string;
  conditions: ConditionTrace[];
  /** True when a Deny was applied only because a condition could not be evaluated (fail closed). */
  failClosed?: boolean;
}

export interface PolicyRef {
  source: string;
  policyIndex: number;
  level?: number;
}

/** The result of one layer (one policy type, or one SCP/RCP level). */
export interface LayerOutcome {
  policyType: PolicyType;
  level?: number;
  result: LayerResult;
  /** Why the layer has this result, one sentence. */
  reason: string;
  policies: PolicyRef[];
  statements: StatementMatch[];
}

/** A statement (or a missing allow) that decided the request. */
export interface DecidingEntry {
  policyType: PolicyType;
  source?: string;
  policyIndex?: number;
  level?: number;
  statementIndex?: number;
  sid?: string;
  effect?: Effect;
  line?: number;
  column?: number;
  /** For a missing allow on an action other than the request's (chained requests). */
  action?: string;
  /** For a missing allow: what was needed. */
  missing?: string;
}

export interface Assumption {
  key: string;
  value: ContextInput | string;
  message: string;
}
