import type { Condition, Statement } from '../model/policy.js';
import type { Rule } from '../model/rule.js';
import type { SourceSpan } from '../model/source.js';
import { hasPlaceholder } from '../iam/placeholder.js';
import { coveringPattern } from './hygiene.js';
import { statementName } from './witness.js';

/** `kind`: GitHub with no `sub` condition, GitHub with a `sub` that admits any owner, a Cognito pool with no `aud`, another provider with no condition of its own. */
type Data = { sid: string; provider: string; kind: 'github-no-sub' | 'github-any-owner' | 'cognito-no-aud' | 'no-condition'; value: string };

const GITHUB = 'token.actions.githubusercontent.com';

/** The identity provider a Federated principal names: the host after `oidc-provider/`, or the value itself (`cognito-identity.amazonaws.com`). */
function providerOf(value: string): string | undefined {
  if (/^arn:[^:]+:iam::[^:]*:saml-provider\//i.test(value)) return undefined;
  const m = /^arn:[^:]+:iam::[^:]*:oidc-provider\/(.+)$/i.exec(value);
  return (m ? m[1]! : value).toLowerCase();
}

/** A condition the request must meet to match (not negated, not Null): the ones that can narrow who assumes the role. */
function positive(c: Condition): boolean {
  return !c.operator.base.negated && c.operator.base.family !== 'Null';
}

/** The claim a condition key tests (`sub`, `aud` …) when the key belongs to the provider (its host, any case). */
function claimOf(c: Condition, provider: string): string | undefined {
  const key = c.key.toLowerCase();
  const colon = key.lastIndexOf(':');
  if (colon < 0) return undefined;
  const host = key.slice(0, colon);
  return host === provider || (hasPlaceholder(provider) && host.startsWith(GITHUB)) ? key.slice(colon + 1) : undefined;
}

/**
 * Whether a `sub` value admits only one repository owner: `repo:OWNER/…` with an owner free of wildcards (an
 * exact-match operator takes `*` literally, so every value of one is scoped). `repo:octo-org/*` is scoped:
 * the IAM User Guide recommends it "as a minimum trust policy condition". Values in another format (a
 * customised subject claim) are given the benefit of the doubt unless they start with a wildcard.
 */
function subScoped(value: string, like: boolean): boolean {
  if (!like || hasPlaceholder(value)) return true;
  const repo = /^repo:([^/:]*)\//i.exec(value);
  if (repo) return repo[1]!.length > 0 && !/[*?]/.test(repo[1]!);
  return !/^repo:/i.test(value) && !/^[*?]/.test(value);
}

type Finding = { span: SourceSpan; kind: Data['kind']; value: string };

/** What is wrong with a GitHub trust: no positive `sub` condition, or each one admitting any owner. */
function githubFinding(s: Statement, provider: string): Finding | undefined {
  const subs = s.conditions.filter((c) => positive(c) && claimOf(c, provider) === 'sub');
  if (subs.length === 0) {
    // A positive condition with exact values on another GitHub claim (a customised subject) scopes it too.
    const other = s.conditions.some((c) => positive(c) && !['aud', undefined].includes(claimOf(c, provider)) && c.values.every((v) => !/[*?]/.test(v.text)));
    return other ? undefined : { span: s.conditionSpan ?? s.span, kind: 'github-no-sub', value: '' };
  }
  // Conditions are ANDed: one scoped `sub` condition scopes the statement. Within one, values are ORed.
  let open: { span: SourceSpan; text: string } | undefined;
  for (const c of subs) {
    const bad = c.values.find((v) => !subScoped(v.text, c.operator.base.comparison === 'like'));
    if (!bad) return undefined;
    open ??= bad;
  }
  return { span: open!.span, kind: 'github-any-owner', value: open!.text };
}

/** What is wrong with another provider's trust: Cognito without `aud`, any other without a condition of its own. */
function otherFinding(s: Statement, provider: string): Finding | undefined {
  const own = s.conditions.filter(
    (c) => positive(c) && c.key.toLowerCase().startsWith(provider.startsWith('cognito-identity.') ? 'cognito-identity.' : `${provider}:`),
  );
  if (provider.startsWith('cognito-identity.'))
    return own.some((c) => c.key.toLowerCase().endsWith(':aud')) ? undefined : { span: s.conditionSpan ?? s.span, kind: 'cognito-no-aud', value: '' };
  return own.length > 0 ? undefined : { span: s.conditionSpan ?? s.span, kind: 'no-condition', value: '' };
}

/**
 * A role trust policy that lets a web identity (OIDC) provider's tokens assume the role without conditions
 * that say whose tokens: for GitHub Actions, no `token.actions.githubusercontent.com:sub` condition, or one
 * whose values admit any repository owner (`*`, `repo:*`); for Amazon Cognito identity pools, no
 * `cognito-identity.amazonaws.com:aud`; for any other provider, no condition on its keys at all. IAM User
 * Guide, "Configuring a role for GitHub OIDC identity provider": "If you do not include this condition, then
 * GitHub Actions from organizations or repositories outside of your control are able to assume roles
 * associated with the GitHub IAM IdP in your AWS account."
 */
export const oidcTrustUnscoped: Rule<Data> = {
  meta: {
    id: 'oidc-trust-unscoped',
    severity: 'warning',
    description: 'a role trust lets an OIDC provider’s tokens assume the role without conditions that say whose tokens (GitHub sub, Cognito aud)',
    docs: 'docs/rules/oidc-trust-unscoped.md',
    group: 'I',
    usesServiceData: true,
    message: {
      en: ({ sid, provider, kind, value }) => en[kind](sid, provider, value),
      ko: ({ sid, provider, kind, value }) => ko[kind](sid, provider, value),
    },
  },
  async check({ policy }, report) {
    if (policy.policyType !== 'resource') return;
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || !s.action || !(await coveringPattern(s.action, 'sts:AssumeRoleWithWebIdentity'))) continue;
      for (const p of s.principal ?? []) {
        const provider = p.type === 'Federated' ? providerOf(p.value) : undefined;
        if (!provider) continue;
        const github = provider.startsWith(GITHUB) || (hasPlaceholder(provider) && s.conditions.some((c) => c.key.toLowerCase().startsWith(GITHUB)));
        if (!github && hasPlaceholder(provider)) continue;
        const f = github ? githubFinding(s, provider) : otherFinding(s, provider);
        if (!f) continue;
        report({
          span: f.span,
          statementIndex: s.index,
          element: `Federated=${p.value}/${f.kind}`,
          data: { sid: statementName(s), provider: p.value, kind: f.kind, value: f.value },
        });
        break;
      }
    }
  },
};

type Say = Record<Data['kind'], (sid: string, provider: string, value: string) => string>;

const en: Say = {
  'github-no-sub': (sid) =>
    `statement ${sid} lets GitHub Actions assume this role without a token.actions.githubusercontent.com:sub condition: a workflow of any repository, outside your organization too, can; add a sub condition naming your repository (repo:OWNER/REPO:…)`,
  'github-any-owner': (sid, _p, value) =>
    `statement ${sid} lets GitHub Actions assume this role with sub \`${value}\`, which any repository owner matches; name your organization and repository (repo:OWNER/REPO:…)`,
  'cognito-no-aud': (sid) =>
    `statement ${sid} trusts Amazon Cognito identity pools without a cognito-identity.amazonaws.com:aud condition: users of another identity pool can assume this role; add aud with your identity pool ID`,
  'no-condition': (sid, provider) =>
    `statement ${sid} lets any token of ${provider} assume this role: no condition on its claims (aud, sub); add conditions naming your audience and subjects`,
};

const ko: Say = {
  'github-no-sub': (sid) =>
    `정책 문 ${sid}은(는) token.actions.githubusercontent.com:sub 조건 없이 GitHub Actions가 이 역할을 수임하게 합니다: 조직 밖을 포함한 모든 리포지토리의 워크플로가 수임할 수 있습니다. 리포지토리를 지정하는 sub 조건(repo:OWNER/REPO:…)을 추가하십시오`,
  'github-any-owner': (sid, _p, value) =>
    `정책 문 ${sid}은(는) sub \`${value}\`(으)로 GitHub Actions가 이 역할을 수임하게 하는데, 이 값은 모든 리포지토리 소유자와 일치합니다. 조직과 리포지토리(repo:OWNER/REPO:…)를 지정하십시오`,
  'cognito-no-aud': (sid) =>
    `정책 문 ${sid}은(는) cognito-identity.amazonaws.com:aud 조건 없이 Amazon Cognito 자격 증명 풀을 신뢰합니다: 다른 자격 증명 풀의 사용자가 이 역할을 수임할 수 있습니다. 자격 증명 풀 ID로 aud 조건을 추가하십시오`,
  'no-condition': (sid, provider) =>
    `정책 문 ${sid}은(는) ${provider}의 모든 토큰이 이 역할을 수임하게 합니다: 클레임(aud, sub)에 대한 조건이 없습니다. 대상(audience)과 주체(subject)를 지정하는 조건을 추가하십시오`,
};
