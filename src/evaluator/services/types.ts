import type { ChainReason, Decision, DecisionReason, Refusal, S3Refusal, SetAsideRule } from '../../model/evaluation.js';
import type { PolicyType } from '../../model/policy.js';
import type { Request } from '../../model/request.js';
import type { KmsKeyRef } from '../../iam/kms.js';
import type { CompiledPolicySet } from '../compile.js';

/** A further authorization a service makes for a request, before it is decided. */
export interface ChainedDraft {
  request: Request;
  policies: CompiledPolicySet;
  because: ChainReason;
  key?: KmsKeyRef;
}

/** A refusal that acts like an explicit deny, whatever the policies say, reported as a layer of its own. */
export interface RefusalLayer {
  policyType: Extract<PolicyType, 'requesterPays' | 'blockPublicAccess'>;
  refusal: Refusal;
}

/** A policy whose matching Deny statements the service does not enforce for this request. */
export interface SetAside {
  policyType: Extract<PolicyType, 'resource'>;
  rule: SetAsideRule;
}

/**
 * A resource whose own policy speaks for it and must allow: a KMS key (its key policy) or an IAM role (its
 * trust policy). "IAM role trust policies and KMS key policies are exceptions to this logic, because they
 * must explicitly allow access for principals" (IAM User Guide, "Policy evaluation logic").
 */
export interface ResourceSide {
  /** The layer that holds the resource's own policy. */
  policyType: Extract<PolicyType, 'kmsKey' | 'resource'>;
  /** The resource's policy must allow, directly or by delegating to IAM with a statement for the account. */
  mustAllow: boolean;
  kind: 'key' | 'role';
  /**
   * Both the caller's side and the resource's side must allow, as across accounts, although the caller is
   * in the role's account: "When you assume a role with another role, called role chaining, permissions
   * for sts:SetSourceIdentity are required in both the permissions policy of the principal who is assuming
   * the role and in the role trust policy of the target role" (IAM User Guide, "Monitor and control
   * actions taken with assumed roles").
   */
  bothSides?: 'roleChain';
}

/**
 * What one AWS service adds to IAM's evaluation logic. The combiner (`combine.ts`) applies AWS's
 * documented order; each service plugs its own rules in here:
 * - `resourceSide`: a resource whose own policy must allow (KMS key policies, role trust policies);
 * - `decideFirst`: a decision the service makes before any policy (STS's own rules);
 * - `setsAside`: a policy whose Deny the service does not enforce for this caller (S3: the bucket owner's
 *   root user and its bucket policy);
 * - `refusals`: refusals that act like an explicit deny (S3: Block Public Access, Requester Pays);
 * - `chained`: further authorizations, each decided through every layer (S3 → s3:PutObjectAcl, KMS);
 * - `refuseAfter`: refusals of the whole request that depend on those (S3: SSE-KMS needs TLS and SigV4).
 * S3's ACLs and object ownership, which change who grants on the resource side, are part of the
 * combination itself (`combine.ts`, with `s3.ts`'s situation).
 */
export interface ServiceAuthorizer {
  /** Action prefixes whose requests this authorizer sees. */
  prefixes: readonly string[];
  resourceSide?(request: Request): ResourceSide | undefined;
  decideFirst?(request: Request): { decision: Decision; why: DecisionReason } | undefined;
  setsAside?(request: Request): SetAside | undefined;
  refusals?(request: Request, policies: CompiledPolicySet): RefusalLayer[];
  chained?(request: Request, policies: CompiledPolicySet): ChainedDraft[];
  refuseAfter?(request: Request, chained: readonly { action: string }[]): S3Refusal | undefined;
}
