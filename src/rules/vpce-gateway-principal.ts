import type { Statement } from '../model/policy.js';
import type { Rule } from '../model/rule.js';

type Data = { principal: string; kind: 'root' | 'identity' };

/** Gateway endpoints exist for these services only (VPC User Guide, "Gateway endpoints"). */
const GATEWAY_SERVICES = new Set(['s3', 'dynamodb']);

/** Whether every action of the statement can go through a gateway endpoint (S3 or DynamoDB, or `*`). */
function gatewayActions(s: Statement): boolean {
  const actions = s.action ?? [];
  return actions.length > 0 && actions.every((a) => a.text === '*' || GATEWAY_SERVICES.has(a.text.slice(0, a.text.indexOf(':')).toLowerCase()));
}

/**
 * A principal other than `"*"` in the policy of a gateway endpoint. AWS PrivateLink Guide, "Control access to
 * VPC endpoints using endpoint policies" ("Principals for gateway endpoints"): "With gateway endpoints, the
 * Principal element must be set to *. To specify a principal, use the aws:PrincipalArn condition key." and "If
 * you specify the principal in the following format, access is granted to the AWS account root user only, not
 * all users and roles for the account." The policy's type says it is an endpoint policy, not which kind of
 * endpoint: statements whose actions are all S3 or DynamoDB (the services with gateway endpoints) are
 * flagged, and the message says it holds for a gateway endpoint.
 */
export const vpceGatewayPrincipal: Rule<Data> = {
  meta: {
    id: 'vpce-gateway-principal',
    severity: 'error',
    description: 'a gateway endpoint policy with a Principal other than "*" (an account admits only its root user)',
    docs: 'docs/rules/vpce-gateway-principal.md',
    group: 'T',
    message: {
      en: ({ principal, kind }) =>
        kind === 'root'
          ? `on a gateway endpoint (S3, DynamoDB), Principal \`${principal}\` admits only the account's root user, not its roles and users; use "Principal": "*" with an aws:PrincipalAccount or aws:PrincipalArn condition`
          : `on a gateway endpoint (S3, DynamoDB), Principal must be "*": \`${principal}\` cannot name a role or user there; use "Principal": "*" with an aws:PrincipalArn condition`,
      ko: ({ principal, kind }) =>
        kind === 'root'
          ? `게이트웨이 엔드포인트(S3, DynamoDB)에서 Principal \`${principal}\`은(는) 계정의 역할과 사용자가 아니라 루트 사용자만 허용합니다. "Principal": "*"과 aws:PrincipalAccount 또는 aws:PrincipalArn 조건을 사용하십시오`
          : `게이트웨이 엔드포인트(S3, DynamoDB)에서는 Principal이 "*"이어야 하며 \`${principal}\`처럼 역할이나 사용자를 지정할 수 없습니다. "Principal": "*"과 aws:PrincipalArn 조건을 사용하십시오`,
    },
  },
  check({ policy }, report) {
    if (policy.policyType !== 'vpcEndpoint') return;
    for (const s of policy.statements) {
      if (!gatewayActions(s)) continue;
      for (const p of s.principal ?? s.notPrincipal ?? []) {
        if (p.value === '*') continue;
        const kind = /^\d{12}$/.test(p.value) || /^arn:[^:]+:iam::\d{12}:root$/.test(p.value) ? 'root' : 'identity';
        report({ span: p.span, statementIndex: s.index, element: `Principal=${p.value}`, data: { principal: p.value, kind } });
      }
    }
  },
};
