import type { PolicyDocument } from '../model/policy.js';
import type { BucketFacts, PolicyOrigin } from '../model/check.js';
import type { FileSet, Rule, RuleFinding } from '../model/rule.js';
import { actionPatternMatchesNothing } from './action-pattern-matches-nothing.js';
import { adminStar } from './admin-star.js';
import { arnMalformed } from './arn-malformed.js';
import { bucketPolicyLockout } from './bucket-policy-lockout.js';
import { cloudfrontOacSourceArn } from './cloudfront-oac-source-arn.js';
import { cloudfrontOaiSseKms } from './cloudfront-oai-sse-kms.js';
import { conditionKeyUnknown } from './condition-key-unknown.js';
import { conditionOperatorUnknown } from './condition-operator-unknown.js';
import { conditionTypeMismatch } from './condition-type-mismatch.js';
import { conditionValueNonstring } from './condition-value-nonstring.js';
import { iacNotResolved } from './iac-not-resolved.js';
import { jsonDuplicateKey } from './json-duplicate-key.js';
import { jsonSyntax } from './json-syntax.js';
import { kmsAwsManagedKeyCrossAccount } from './kms-aws-managed-key-cross-account.js';
import { kmsKeyUserMissing } from './kms-key-user-missing.js';
import { kmsNoRootDelegation } from './kms-no-root-delegation.js';
import { kmsWildcardPrincipal } from './kms-wildcard-principal.js';
import { mfaConditionAntipattern } from './mfa-condition-antipattern.js';
import { notPrincipalDenyLockout } from './notprincipal-deny-lockout.js';
import { notPrincipalWithAllow } from './notprincipal-with-allow.js';
import { nullOperatorMisuse } from './null-operator-misuse.js';
import { oidcTrustUnscoped } from './oidc-trust-unscoped.js';
import { passroleUnscoped } from './passrole-unscoped.js';
import { policyElementInvalid } from './policy-element-invalid.js';
import { policySizeQuota } from './policy-size-quota.js';
import { policyVersion } from './policy-version.js';
import { principalPlacement } from './principal-placement.js';
import { publicPrincipalUnconditioned } from './public-principal-unconditioned.js';
import { resourceTypeMismatch } from './resource-type-mismatch.js';
import { s3AclVsObjectOwnership } from './s3-acl-vs-object-ownership.js';
import { s3BlockPublicAccess } from './s3-block-public-access.js';
import { s3PutAclNeedsPutObjectAcl } from './s3-put-acl-needs-putobjectacl.js';
import { s3RequestHeaderCondition } from './s3-request-header-condition.js';
import { s3RequesterPays } from './s3-requester-pays.js';
import { s3SecureTransportIneffective } from './s3-secure-transport-ineffective.js';
import { s3SecureTransportMissing } from './s3-secure-transport-missing.js';
import { s3SourceIpBehindVpce } from './s3-sourceip-behind-vpce.js';
import { scpRcpGrammar } from './scp-rcp-grammar.js';
import { servicePrincipalUnscoped } from './service-principal-unscoped.js';
import { serviceWildcard } from './service-wildcard.js';
import { setOperatorMisuse } from './set-operator-misuse.js';
import { sidInvalid } from './sid-invalid.js';
import { suppressionInvalid } from './suppression-invalid.js';
import { tagConditionUnsupported } from './tag-condition-unsupported.js';
import { unknownAction } from './unknown-action.js';
import { variableMisuse } from './variable-misuse.js';
import { vpceConditionConstraints } from './vpce-condition-constraints.js';
import { vpceGatewayPrincipal } from './vpce-gateway-principal.js';
import { vpcePolicyMissingAccess } from './vpce-policy-missing-access.js';
import { wildcardWithoutLike } from './wildcard-without-like.js';

/** Every rule, sorted by id (a test keeps it sorted). A new rule is one file in this folder and one line here. */
export const RULES: readonly Rule[] = [
  actionPatternMatchesNothing,
  adminStar,
  arnMalformed,
  bucketPolicyLockout,
  cloudfrontOacSourceArn,
  cloudfrontOaiSseKms,
  conditionKeyUnknown,
  conditionOperatorUnknown,
  conditionTypeMismatch,
  conditionValueNonstring,
  iacNotResolved,
  jsonDuplicateKey,
  jsonSyntax,
  kmsAwsManagedKeyCrossAccount,
  kmsKeyUserMissing,
  kmsNoRootDelegation,
  kmsWildcardPrincipal,
  mfaConditionAntipattern,
  notPrincipalDenyLockout,
  notPrincipalWithAllow,
  nullOperatorMisuse,
  oidcTrustUnscoped,
  passroleUnscoped,
  policyElementInvalid,
  policySizeQuota,
  policyVersion,
  principalPlacement,
  publicPrincipalUnconditioned,
  resourceTypeMismatch,
  s3AclVsObjectOwnership,
  s3BlockPublicAccess,
  s3PutAclNeedsPutObjectAcl,
  s3RequestHeaderCondition,
  s3RequesterPays,
  s3SecureTransportIneffective,
  s3SecureTransportMissing,
  s3SourceIpBehindVpce,
  scpRcpGrammar,
  servicePrincipalUnscoped,
  serviceWildcard,
  setOperatorMisuse,
  sidInvalid,
  suppressionInvalid,
  tagConditionUnsupported,
  unknownAction,
  variableMisuse,
  vpceConditionConstraints,
  vpceGatewayPrincipal,
  vpcePolicyMissingAccess,
  wildcardWithoutLike,
] as readonly Rule[];

/** The origin of a policy that was given directly (tests, the library): a plain JSON file of the policy's own type. */
function originOf(policy: PolicyDocument): PolicyOrigin {
  return { file: policy.ref.file, format: 'json', policyType: policy.policyType, typeFrom: 'config', pointer: policy.ref.pointer, label: policy.source };
}

/** Runs every rule that has a check on one parsed policy; findings in rule order, then report order. */
export async function runRules(
  policy: PolicyDocument,
  origin: PolicyOrigin = originOf(policy),
  rules: readonly Rule[] = RULES,
  serviceDataDate = 'unknown',
  bucket?: BucketFacts,
  file?: FileSet,
  documentText?: () => string,
): Promise<RuleFinding[]> {
  const findings: RuleFinding[] = [];
  for (const rule of rules) {
    if (!rule.check) continue;
    await rule.check(
      { policy, origin, serviceDataDate, ...(bucket ? { bucket } : {}), ...(file ? { file } : {}), ...(documentText ? { documentText } : {}) },
      ({ span, statementIndex, element, data, severity }) => {
        const message = { en: rule.meta.message.en(data), ko: rule.meta.message.ko(data) };
        findings.push({
          rule: rule.meta.id,
          severity: severity ?? rule.meta.severity,
          source: policy.source,
          span,
          message,
          ...(statementIndex !== undefined ? { statementIndex } : {}),
          ...(element !== undefined ? { element } : {}),
        });
      },
    );
  }
  return findings;
}
