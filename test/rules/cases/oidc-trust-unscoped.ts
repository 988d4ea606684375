import { doc, type RuleTable } from '../table.js';
import { spot } from '../spot.js';

/**
 * `oidc-trust-unscoped`. IAM User Guide, "Configuring a role for GitHub OIDC identity provider": "You can use
 * the condition key `token.actions.githubusercontent.com:sub` to limit access. We recommend that you limit the
 * condition to a specific set of repositories or branches. If you do not include this condition, then GitHub
 * Actions from organizations or repositories outside of your control are able to assume roles associated with
 * the GitHub IAM IdP in your AWS account." and, of `"repo:GitHubOrg/*"`: "We recommend this as a minimum trust
 * policy condition for roles that use GitHub as an OIDC IdP." GitHub Docs, "Configuring OpenID Connect in
 * Amazon Web Services": "Evaluating this condition key in the role trust policy limits which GitHub actions are
 * able to assume the role." AWS STS API Reference, AssumeRoleWithWebIdentity, RoleArn: "A policy that trusts
 * Amazon Cognito identity pools without this condition creates a risk that a user from an unintended identity
 * pool can assume the role."
 */
const GH = { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' };
const AUD = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };
const trust = (condition?: unknown) => ({
  Effect: 'Allow',
  Principal: GH,
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...(condition ? { Condition: condition } : {}),
});
const BRANCH = trust({ StringEquals: { ...AUD, 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' } });
const ANY_BRANCH = trust({ StringEquals: AUD, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } });
const ORG = trust({ StringEquals: AUD, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/*' } });
const IMMUTABLE = trust({ StringEquals: { ...AUD, 'token.actions.githubusercontent.com:sub': 'repo:octo-org@123456/octo-repo@456789:environment:prod' } });
const EQUALS_STAR = trust({ StringEquals: { ...AUD, 'token.actions.githubusercontent.com:sub': 'repo:*' } });
const NO_SUB = trust({ StringEquals: AUD });
const NONE = { Sid: 'GitHub', ...trust() };
const ANY_OWNER = trust({ StringEquals: AUD, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } });
const STAR_LATER = trust({ StringEquals: AUD, StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:octo-org/octo-repo:*', '*'] } });
const NOT_LIKE = trust({ StringEquals: AUD, StringNotLike: { 'token.actions.githubusercontent.com:sub': 'repo:evil/*' } });
const COGNITO = (condition?: unknown) => ({
  Effect: 'Allow',
  Principal: { Federated: 'cognito-identity.amazonaws.com' },
  Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
  ...(condition ? { Condition: condition } : {}),
});
const POOL = COGNITO({
  StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' },
  'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
});
const AMR_ONLY = COGNITO({ 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } });
const EKS_PROVIDER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const EKS = (condition?: unknown) => ({
  Effect: 'Allow',
  Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${EKS_PROVIDER}` },
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...(condition ? { Condition: condition } : {}),
});
const IRSA = EKS({ StringEquals: { [`${EKS_PROVIDER}:sub`]: 'system:serviceaccount:default:my-app' } });
const SAML = { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML' };
const DENY = { Effect: 'Deny', Principal: GH, Action: 'sts:AssumeRoleWithWebIdentity' };

const file = 'ci-trust.json';

export const table: RuleTable = {
  valid: [
    { text: doc(BRANCH), file },
    { text: doc(ANY_BRANCH), file },
    // The IAM User Guide's recommended minimum: one organization.
    { text: doc(ORG), file },
    { text: doc(IMMUTABLE), file },
    // StringEquals takes `*` literally (wildcard-without-like's finding, not this rule's).
    { text: doc(EQUALS_STAR), file },
    { text: doc(POOL), file },
    { text: doc(IRSA), file },
    { text: doc(SAML), file },
    { text: doc(DENY, BRANCH), file },
  ],
  invalid: [
    {
      text: doc(NONE),
      file,
      at: [{ line: 4, column: 5 }],
      message: /^statement "GitHub" lets GitHub Actions assume this role without a token\.actions\.githubusercontent\.com:sub condition/,
    },
    { text: doc(NO_SUB), file, at: [spot(0, NO_SUB, '"Condition"')] },
    { text: doc(NOT_LIKE), file, at: [spot(0, NOT_LIKE, '"Condition"')] },
    { text: doc(ANY_OWNER), file, at: [spot(0, ANY_OWNER, '"repo:*"')], message: /with sub `repo:\*`, which any repository owner matches/ },
    // AWS reads the first value; IAM ORs them all, so the `*` in second place admits everyone.
    { text: doc(STAR_LATER), file, at: [spot(0, STAR_LATER, '"*"')] },
    { text: doc(AMR_ONLY), file, at: [spot(0, AMR_ONLY, '"Condition"')], message: /without a cognito-identity\.amazonaws\.com:aud condition/ },
    { text: doc(EKS()), file, at: [{ line: 4, column: 5 }], message: /lets any token of arn:aws:iam::111122223333:oidc-provider\/oidc\.eks/ },
  ],
};
