import { InputError } from '../model/errors.js';
import type { RequestPrincipal } from '../model/request.js';

const SERVICE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

/** The identity providers a trust policy names by host ("Federated": "accounts.google.com"). */
const WEB_IDENTITY_PROVIDERS = new Set(['accounts.google.com', 'graph.facebook.com', 'www.amazon.com', 'cognito-identity.amazonaws.com']);

/**
 * Reads the request's `principal`. Forms: IAM user, role, assumed-role session, account root,
 * federated user ARNs, a 12-digit account id (the account root), a service principal, or `anonymous`.
 * `where` positions errors at the principal in the request file.
 */
export function parsePrincipal(
  text: string,
  where: { source?: string; line?: number; column?: number },
  /** The resource's account, when the request names it: a bare role or user name is suggested in it. */
  resourceAccount?: string,
): RequestPrincipal {
  if (text === 'anonymous' || text === '*') return { kind: 'anonymous', text: 'anonymous' };
  if (WEB_IDENTITY_PROVIDERS.has(text) || /^arn:[^:]+:iam::\d{12}:(oidc|saml)-provider\/.+$/.test(text)) {
    return { kind: 'identityProvider', text };
  }
  if (SERVICE.test(text)) return { kind: 'service', text, service: text };
  if (/^arn:aws:iam::cloudfront:user\/CloudFront Origin Access Identity [A-Z0-9]+$/.test(text)) {
    return { kind: 'oai', text, principalArn: text };
  }
  if (/^\d{12}$/.test(text)) {
    return { kind: 'root', text, account: text, partition: 'aws', principalArn: `arn:aws:iam::${text}:root` };
  }
  const m = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):(iam|sts)::(\d{12}):(.+)$/.exec(text);
  if (!m) {
    const guess = arnGuess(text, resourceAccount ?? 'ACCOUNT');
    throw new InputError(
      guess
        ? `principal \`${text}\` is a name, not an ARN; did you mean ${guess}?`
        : `principal \`${text}\` is not an IAM or STS principal ARN, a 12-digit account id, a service principal (name.amazonaws.com) or \`anonymous\``,
      where,
    );
  }
  const [, partition, service, account, rest] = m as unknown as [string, string, string, string, string];
  const base = { text, account, partition };
  if (service === 'iam') {
    if (rest === 'root') return { ...base, kind: 'root', principalArn: text };
    const um = /^user\/(?:.*\/)?([^/]+)$/.exec(rest);
    if (um) return { ...base, kind: 'user', principalArn: text, name: um[1]! };
    const rm = /^role\/(?:.*\/)?([^/]+)$/.exec(rest);
    if (rm) return { ...base, kind: 'role', principalArn: text, name: rm[1]! };
  } else {
    const am = /^assumed-role\/([^/]+)\/([^/]+)$/.exec(rest);
    if (am) {
      return {
        ...base,
        kind: 'assumedRole',
        name: am[1]!,
        sessionName: am[2]!,
        // The session ARN omits the role's path; aws:PrincipalArn is the role ARN (path assumed to be /,
        // except for IAM Identity Center's roles, which are always created under
        // /aws-reserved/sso.amazonaws.com/).
        principalArn: `arn:${partition}:iam::${account}:role/${am[1]!.startsWith('AWSReservedSSO_') ? 'aws-reserved/sso.amazonaws.com/' : ''}${am[1]}`,
      };
    }
    const fm = /^federated-user\/([^/]+)$/.exec(rest);
    if (fm) return { ...base, kind: 'federatedUser', name: fm[1]!, principalArn: text };
  }
  throw new InputError(`principal \`${text}\` is not a user, role, root, assumed-role session or federated user ARN`, where);
}

/** IAM names: letters, digits and `+=,.@_-` (IAM User Guide, IAM object names); paths between slashes. */
const IAM_NAME = /^[\w+=,.@-]{1,128}$/;

/**
 * The ARN a bare name most likely stands for: `role/NAME` and `user/NAME` (with a path or not) as written,
 * `assumed-role/ROLE/SESSION` as a session ARN, a bare name as a role (or a user). Undefined for anything else.
 */
function arnGuess(text: string, account: string): string | undefined {
  const typed = /^(role|user)\/((?:[\w+=,.@-]+\/)*[\w+=,.@-]+)$/.exec(text);
  if (typed) return `\`arn:aws:iam::${account}:${typed[1]}/${typed[2]}\``;
  const session = /^assumed-role\/([\w+=,.@-]+)\/([\w+=,.@-]+)$/.exec(text);
  if (session) return `\`arn:aws:sts::${account}:assumed-role/${session[1]}/${session[2]}\``;
  if (IAM_NAME.test(text) && !text.includes(':')) return `\`arn:aws:iam::${account}:role/${text}\` (or \`arn:aws:iam::${account}:user/${text}\`)`;
  return undefined;
}
