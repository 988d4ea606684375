import type { AclGrantText, KeySource, MissingPart, DenyCause, SetAsideRule, StatementResult } from '../../model/evaluation.js';
import type { PolicyType, PrincipalValue } from '../../model/policy.js';
import type { ConditionView, Words } from './types.js';
import { evidenceField } from './evidence-field.js';
import { requirementShape } from './requirement.js';
import { pointerToPath } from '../../json/index.js';
import { chainingService } from '../../iam/sts.js';

/**
 * The Korean edition of every sentence policy-why prints.
 *
 * Register: 합니다체 for every sentence and clause (facts end in ~합니다/~됩니다, advice in ~하십시오);
 * headings, labels and short verdict tags are noun phrases (`이유:`, `필요 없음`, `충족되지 않음`).
 * AWS names (actions, condition keys, operators, policy elements, headers, CLI flags, ARNs) stay as AWS
 * spells them. Terms follow the AWS Korean console and documentation (자격 증명 기반 정책, 보안 주체,
 * 정책 문, 명시적 거부…).
 *
 * Korean particles (이/가, 을/를, 은/는, 와/과, (으)로) depend on how the preceding word ends. An
 * interpolated AWS value (an ARN, an action, a key) cannot be pronounced reliably, so the sentences never
 * put such a particle straight after one: they name the thing with a Korean noun (`s3:PutObject 작업을`,
 * `aws:SourceIp 키가`, `호출자(arn:…)가`) or use particles that do not change (에, 의, 에서, 도, 에 대한),
 * and copula forms that are correct after any word (이어야, 이면, 입니다). `josa` picks the particle only
 * for words whose ending is known: Korean words, digits and capital-letter acronyms.
 */

const NAMES: Readonly<Record<PolicyType, string>> = {
  identity: '자격 증명 기반 정책',
  boundary: '권한 경계',
  session: '세션 정책',
  resource: '리소스 기반 정책',
  scp: '서비스 제어 정책(SCP)',
  rcp: '리소스 제어 정책(RCP)',
  vpcEndpoint: 'VPC 엔드포인트 정책',
  kmsKey: 'KMS 키 정책',
  accessPoint: '액세스 포인트 정책',
  acl: 'ACL',
  blockPublicAccess: '퍼블릭 액세스 차단',
  requesterPays: '요청자 지불',
};

/** What S3 rejects when ACLs are disabled: the ACL call, or the upload that sends an ACL. */
const aclRejected = ({ action, what }: { action?: string; what: string }): string =>
  `${action !== undefined ? `${action} 요청(${what})을` : `ACL을 지정한 업로드 요청(${what})을`} 400 AccessControlListNotSupported 오류로 거부합니다`;

/** Short names for the layer table of the terminal output. */
const LAYER_LABELS: Readonly<Record<PolicyType, string>> = { ...NAMES, scp: 'SCP', rcp: 'RCP' };

/** The heading of S3's chained authorizations, also referred to from the layer table. */
const alsoAuthorizedBy = (service: string) => `${service}가 추가로 확인하는 권한`;

// ---------------------------------------------------------------------------------------------------
// Particles

/** Whether the word's last syllable has a final consonant; 'rieul' for ㄹ; undefined when unknown. */
function finalConsonant(word: string): boolean | 'rieul' | undefined {
  // A trailing parenthetical does not count: `서비스 제어 정책(SCP)` takes the particle of 정책.
  let w = word.trim();
  while (/\([^()]*\)$/.test(w)) w = w.replace(/\s*\([^()]*\)$/, '').trim();
  const ch = w.charAt(w.length - 1);
  const code = ch.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) {
    const jong = (code - 0xac00) % 28;
    if (jong === 0) return false;
    return jong === 8 ? 'rieul' : true;
  }
  // Digits as read in Korean: 영 일 이 삼 사 오 육 칠 팔 구.
  const digits: Record<string, boolean | 'rieul'> = {
    '0': true,
    '1': 'rieul',
    '2': false,
    '3': true,
    '4': false,
    '5': false,
    '6': true,
    '7': 'rieul',
    '8': 'rieul',
    '9': false,
  };
  if (ch in digits) return digits[ch];
  // Capital letters read by name: only 엘, 엠, 엔, 알 end in a consonant.
  if (/[A-Z]/.test(ch)) {
    if (ch === 'L' || ch === 'R') return 'rieul';
    return ch === 'M' || ch === 'N';
  }
  return undefined;
}

type Pair = '이/가' | '을/를' | '은/는' | '과/와' | '으로/로';

/** The particle that follows `word`: `josa('권한 경계', '이/가')` → `가`. */
function josa(word: string, pair: Pair): string {
  const [withFinal, withoutFinal] = pair.split('/') as [string, string];
  const f = finalConsonant(word);
  if (f === undefined) return `${withFinal}(${withoutFinal})`;
  if (pair === '으로/로') return f === true ? withFinal : withoutFinal;
  return f ? withFinal : withoutFinal;
}

/** `word` followed by its particle. */
const w = (word: string, pair: Pair) => `${word}${josa(word, pair)}`;

// ---------------------------------------------------------------------------------------------------
// Shared pieces

const json = (v: unknown) => JSON.stringify(v);
const atLevel = (level: number | undefined) => (level !== undefined ? `레벨 ${level}에서 ` : '');
const ownPolicy = (kms: boolean) => (kms ? '키 정책' : '역할 신뢰 정책');

function levelName(level: number, count: number): string {
  if (level === 0) return '루트';
  if (level === count - 1) return '계정';
  return `OU ${level}`;
}

/**
 * `"Sid" 정책 문(#0, file:4:5)`: the Sid comes first, so a particle after the closing parenthesis follows
 * 문 (which takes 이/을) and not the Sid.
 */
function statementRef(sid: string | undefined, index: number, source: string, line: number, column: number, noun = '정책 문'): string {
  return `${sid !== undefined ? `"${sid}" ` : ''}${noun}(#${index}, ${source}:${line}:${column})`;
}

function describeStatement(m: Pick<StatementResult, 'sid' | 'statementIndex' | 'source' | 'line' | 'column'>): string {
  return statementRef(m.sid, m.statementIndex, m.source, m.line, m.column);
}

/**
 * What a condition asks of its key, in two forms: `must` (an Allow's requirement, `값이 "AES256"이어야`)
 * and `when` (when a Deny applies, `값이 "false"이면`). Both follow the key.
 */
function conditionForms(t: Pick<ConditionView, 'operator' | 'policyValues'>): { must: string; when: string } {
  const shape = requirementShape(t.operator, t.policyValues);
  const vs = t.policyValues.map((v) => json(v));
  const many = vs.length !== 1;
  const list = vs.join(', ');
  const negated = shape.negated;

  if (shape.kind === 'null') {
    return shape.absent ? { must: '키가 요청에 없어야', when: '키가 요청에 없으면' } : { must: '키가 요청에 있어야', when: '키가 요청에 있으면' };
  }
  if (shape.kind === 'ip') {
    const ranges = t.policyValues.join(', ');
    if (negated) {
      return many
        ? { must: `값이 ${ranges} 중 어느 범위에도 속하지 않아야`, when: `값이 ${ranges} 중 어느 범위에도 속하지 않으면` }
        : { must: `값이 ${ranges} 범위에 속하지 않아야`, when: `값이 ${ranges} 범위에 속하지 않으면` };
    }
    const target = many ? `${ranges} 중 한 범위에` : `${ranges} 범위에`;
    return { must: `값이 ${target} 속해야`, when: `값이 ${target} 속하면` };
  }
  if (shape.kind === 'like') {
    if (negated) {
      return many
        ? { must: `값이 ${list} 패턴 중 어느 것과도 일치하지 않아야`, when: `값이 ${list} 패턴 중 어느 것과도 일치하지 않으면` }
        : { must: `값이 ${list} 패턴과 일치하지 않아야`, when: `값이 ${list} 패턴과 일치하지 않으면` };
    }
    const target = many ? `${list} 패턴 중 하나와` : `${list} 패턴과`;
    return { must: `값이 ${target} 일치해야`, when: `값이 ${target} 일치하면` };
  }
  const cmp = shape.cmp;
  if (shape.kind === 'compare' && cmp) {
    const than = `값이 ${many ? `${list} 중 하나` : list}보다`;
    const words = shape.date
      ? {
          lt: ['이전이어야', '이전이면'],
          le: ['이전이거나 같아야', '이전이거나 같으면'],
          gt: ['이후여야', '이후이면'],
          ge: ['이후이거나 같아야', '이후이거나 같으면'],
        }
      : { lt: ['작아야', '작으면'], le: ['작거나 같아야', '작거나 같으면'], gt: ['커야', '크면'], ge: ['크거나 같아야', '크거나 같으면'] };
    const [must, when] = words[cmp];
    return { must: `${than} ${must}`, when: `${than} ${when}` };
  }
  if (negated) {
    return many
      ? { must: `값이 ${list} 중 어느 것도 아니어야`, when: `값이 ${list} 중 어느 것도 아니면` }
      : { must: `값이 ${list} 이외의 값이어야`, when: `값이 ${list} 이외의 값이면` };
  }
  return many ? { must: `값이 ${list} 중 하나여야`, when: `값이 ${list} 중 하나이면` } : { must: `값이 ${list}이어야`, when: `값이 ${list}이면` };
}

function requirement(t: Pick<ConditionView, 'operator' | 'policyValues'>): string {
  return `${conditionForms(t).must} 합니다`;
}

const conditionSummary = (t: ConditionView) =>
  `${t.operator} ${t.key} ${conditionForms(t).must} 하며, ${t.requestValue === null ? '요청에는 값이 없습니다' : `요청 값은 ${json(t.requestValue)}입니다`}`;

/** Why a service does not enforce a matching Deny (model: `SetAsideRule`). */
const SET_ASIDE: Readonly<Record<SetAsideRule, (action: string) => string>> = {
  bucketOwnerRoot: (action) =>
    `버킷 소유자 계정의 루트 사용자는 버킷 정책이 거부하더라도 자기 버킷에 대해 ${w(action, '을/를')} 언제나 호출할 수 있습니다(소유자가 스스로 잠기지 않도록 하는 S3의 보호). 이를 막을 수 있는 것은 SCP, RCP와 VPC 엔드포인트 정책뿐입니다`,
};

/** The same, in the headline of an Allowed answer. */
const SET_ASIDE_HEADLINE: Readonly<Record<SetAsideRule, string>> = {
  bucketOwnerRoot: '버킷 정책의 Deny는 적용되지 않습니다: S3는 버킷 소유자 계정의 루트 사용자가 자기 버킷 정책에서 잠기지 않도록 합니다',
};

const principalText = (v: PrincipalValue) => (v.type === '*' ? '*' : `${v.type}: ${v.value}`);

/** `AllUsers에게 READ` */
function aclGrant(g: AclGrantText): string {
  const to = g.to;
  let whom: string;
  if (to.code === 'allUsers') whom = 'AllUsers';
  else if (to.code === 'authenticatedUsers') whom = 'AuthenticatedUsers';
  else if (to.code === 'logDelivery') whom = '로그 전송 그룹(S3 서버 액세스 로깅)';
  else whom = `정식 사용자 ${to.id}(${to.oai ? '오리진 액세스 ID' : `${String(to.account)} 계정`})`;
  return `${whom}에게 ${g.permission}`;
}

/** A caller that is not an IAM principal; every form ends in a word that takes 는/가/를. */
function callerWords(kind: string, text: string): string {
  if (kind === 'anonymous') return '익명 호출자';
  if (kind === 'oai') return 'CloudFront 오리진 액세스 ID';
  if (kind === 'identityProvider') return `자격 증명 공급자(${text})가 보증하는 호출자`;
  return '서비스 보안 주체';
}

function keySource(k: KeySource): string {
  const how = {
    objectEncryption: '객체가 이 키로 암호화되어 있습니다(s3.objectEncryption)',
    objectKeyHeader: '객체가 이 키로 암호화되어 있습니다(s3:x-amz-server-side-encryption-aws-kms-key-id)',
    uploadKeyHeader: '업로드 요청이 이 키를 지정합니다(x-amz-server-side-encryption-aws-kms-key-id)',
    bucketDefault: '버킷의 기본 암호화에 이 키가 설정되어 있습니다',
    awsManagedDefault: '키를 지정하지 않은 SSE-KMS 업로드이므로 S3는 업로드하는 계정의 AWS 관리형 키(aws/s3)를 사용합니다',
  }[k.how];
  const bare = k.bareId ? '; ARN이 아닌 키 ID 또는 별칭이므로 KMS는 요청자의 계정에서 이 키를 찾습니다' : '';
  const alias =
    k.aliasOnly !== undefined
      ? `; ${k.aliasOnly} 별칭이 가리키는 키를 여기서는 알 수 없고 IAM 정책은 키를 키 ARN으로 지정하므로, 계정의 모든 키를 포함하는 Resource만 일치합니다`
      : '';
  return `${how}${bare}${alias}`;
}

function kmsChain(what: string, k: { key: KeySource; foreignRcp?: { bucketAccount: string; keyAccount: string } }): string {
  const rcp = k.foreignRcp
    ? `; 지정된 RCP는 키가 있는 ${k.foreignRcp.keyAccount} 계정이 아니라 ${k.foreignRcp.bucketAccount} 계정에 적용되므로 이 호출에는 적용하지 않습니다`
    : '';
  return `${what}; ${keySource(k.key)}${rcp}`;
}

/** `; 이 요청은 aws:SecureTransport 값이 false이므로 이 정책 문의 조건을 충족합니다` — the facts that made a Deny apply. */
function conditionFacts(m: StatementResult): string {
  const met = m.conditions.filter((t) => t.result && !t.error);
  if (!met.length) return '';
  const facts = met.map((t, i) => {
    const last = i === met.length - 1;
    return t.requestValue === null ? `${t.key} 키가 없${last ? '으므로' : '고'}` : `${t.key} 값이 ${json(t.requestValue)}이${last ? '므로' : '고'}`;
  });
  return `; 이 요청은 ${facts.join(' ')} 이 정책 문의 조건을 충족합니다`;
}

/**
 * The first cause of an explicit deny, as a clause that says who denies: a refusal (`거부됩니다(퍼블릭 액세스
 * 차단): …`), or a Deny statement and its facts (`리소스 기반 정책의 "Sid" 정책 문(#0, …)이 … 거부합니다; …`).
 * `how` is said before the verb: `명시적으로 ` for the request itself, empty for a chained action.
 */
function denyCause(first: DenyCause, how: string): string {
  if (first.code === 'refusal') return `${how}거부됩니다(${NAMES[first.policyType]}): ${ko.refusal[first.refusal.code](first.refusal as never)}`;
  // describeStatement ends in `정책 문(…)`: 문 takes 이.
  return `${NAMES[first.statement.policyType]}의 ${describeStatement(first.statement)}이 ${how}거부합니다${conditionFacts(first.statement)}`;
}

const moreDenies = (more: number) => (more > 0 ? `; 이 밖에도 Deny 문 ${more}개가 더 적용됩니다` : '');

const missingParts = (parts: MissingPart[]) => parts.map((p) => ko.missingPart[p.code](p as never)).join('; ');

/** `정책 값 중 하나와 일치해야` / `정책 값 중 어느 것과도 일치하지 않아야` */
const mustMatch = (negated: boolean) => (negated ? '정책 값 중 어느 것과도 일치하지 않아야' : '정책 값 중 하나와 일치해야');

/** ` — 비교할 수 없음: …`, or the verdict for a condition that could be compared. */
function verdictKo(t: { error?: string; result: boolean }, holds: string, fails: string): string {
  if (t.error) return ` — 비교할 수 없음: ${t.error}`;
  return t.result ? holds : fails;
}

export const ko: Words = {
  lang: 'ko',
  policyType: NAMES,
  documentLabel: (ref) => {
    if (ref.generated) return `(${ref.generated.account} 계정의 AWS 관리형 키 aws/s3의 키 정책)`;
    if (ref.embeddedIn) return `${ref.file} (${pointerToPath(ref.embeddedIn.pointer)}에 문자열로 들어 있는 정책, ${ref.embeddedIn.line}행)`;
    return undefined;
  },
  levelName,

  conditionError: {
    policyValueType: ({ type, value }) => {
      const what = {
        number: '숫자',
        date: 'ISO 8601 날짜나 유닉스 시간(초)',
        bool: 'true나 false 값',
        base64: 'base64 값',
        ip: 'IP 주소나 CIDR 범위',
        arn: 'ARN',
      }[type];
      return `정책 값(\`${value}\`)이 ${w(what, '이/가')} 아닙니다`;
    },
    requestValueType: ({ type, value }) => {
      const what = { number: '숫자', date: '날짜', bool: 'true나 false 값', base64: 'base64 값', ip: 'IP 주소', arn: 'ARN' }[type];
      return `요청 값(\`${value}\`)이 ${w(what, '이/가')} 아닙니다`;
    },
    variableNotBool: ({ value, resolved }) => `정책 값(\`${value}\`)의 변수를 치환한 결과(\`${resolved}\`)가 true나 false 값이 아닙니다`,
    nullValue: ({ value }) => `Null 연산자의 값은 true나 false여야 합니다(지정된 값: \`${value}\`)`,
    templateValue: ({ value }) => `정책 값(\`${value}\`)에 템플릿을 배포할 때에만 정해지는 값이 들어 있습니다`,
  },
  conditionReason: {
    nullBadValue: () => 'Null 연산자에는 true나 false만 지정할 수 있습니다',
    nullTested: ({ present, holds }) =>
      present
        ? `키가 요청에 있으므로 Null ${holds ? 'false 조건이 충족됩니다' : 'true 조건이 충족되지 않습니다'}`
        : `키가 요청에 없으므로 Null ${holds ? 'true 조건이 충족됩니다' : 'false 조건이 충족되지 않습니다'}`,
    absent: ({ empty, rule }) => {
      const what = empty ? '키에 값이 없습니다' : '요청에 키가 없습니다';
      return {
        ifExists: `${what}; IfExists에 따라 조건이 참이 됩니다`,
        forAllValues: `${what}; ForAllValues는 키가 없거나 비어 있으면 참입니다`,
        forAnyValue: `${what}; ForAnyValue는 값이 하나 이상 있어야 참입니다`,
        negated: `${what}; 부정 연산자는 키가 없으면 참입니다`,
        plain: `${empty ? '키에 값이 없으므로' : '요청에 키가 없으므로'} 조건이 일치할 수 없습니다`,
      }[rule];
    },
    nullDataSet: ({ set }) =>
      set === 'ForAllValues'
        ? '키 값이 모두 빈 문자열입니다(널 데이터 집합); ForAllValues는 널 데이터 집합에 대해 참입니다'
        : '키 값이 모두 빈 문자열입니다(널 데이터 집합); ForAnyValue는 값이 하나 이상 있어야 참입니다',
    compared: ({ holds, how, negated }) => {
      const text = {
        forAll: `모든 요청 값이 ${mustMatch(negated)} 합니다`,
        forAny: `요청 값 중 하나 이상이 ${mustMatch(negated)} 합니다`,
        multiStrict: `ForAnyValue/ForAllValues 없이 요청 값이 여러 개입니다(AWS가 정의하지 않은 경우이며, Allow에서는 엄격하게 해석합니다): 모든 값이 ${mustMatch(negated)} 합니다`,
        multiBroad: `ForAnyValue/ForAllValues 없이 요청 값이 여러 개입니다(AWS가 정의하지 않은 경우이며, Deny에서는 넓게 해석합니다): 정책 값 중 ${
          negated ? '어느 것과도 일치하지 않는' : '하나와 일치하는'
        } 값이 하나라도 있으면 됩니다`,
        single: `요청 값이 ${mustMatch(negated)} 합니다`,
      }[how];
      return `${holds ? '충족' : '불충족'}: ${text}`;
    },
    cannotCompare: ({ error }) => `비교할 수 없습니다: ${ko.conditionError[error.code](error as never)}`,
  },
  requirement,
  conditionSummary,

  statementReason: {
    actionNotIncluded: ({ action }) => `Action에 ${action} 작업이 포함되어 있지 않습니다`,
    notActionExcludes: ({ action, by }) => `NotAction이 ${action} 작업을 제외합니다(\`${by}\`에 의해)`,
    resourceNotIncluded: ({ resource, unresolved }) =>
      `Resource에 ${resource} 리소스가 포함되어 있지 않습니다${
        unresolved.length ? `(정책 변수 ${unresolved.map((u) => `\${${u}}`).join(', ')}에 해당하는 값이 요청에 없습니다)` : ''
      }`,
    notResourceExcludes: ({ resource, by }) => `NotResource가 ${resource} 리소스를 제외합니다(\`${by}\`에 의해)`,
    principalNotNamed: ({ caller, notes }) =>
      `Principal에 호출자(${caller})가 지정되어 있지 않습니다${notes.length ? `; ${notes.map((n) => ko.principalNote[n.code](n as never)).join('; ')}` : ''}`,
    gatewayAccountPrincipal: ({ value, caller }) =>
      `게이트웨이 엔드포인트 정책에서 ${principalText(value)} 값은 그 계정의 루트 사용자만 허용하며 호출자(${caller})는 허용하지 않습니다` +
      '(Principal을 "*"로 지정하고 aws:PrincipalArn 조건을 사용하십시오. 인터페이스 엔드포인트라면 `vpcEndpointType` 필드를 Interface로 설정하십시오)',
    notPrincipalSpares: ({ caller, spared }) => `NotPrincipal이 호출자(${caller})를 제외합니다: ${ko.notPrincipal[spared.code](spared as never)}`,
    notPrincipalExcludes: ({ caller, by }) => `NotPrincipal이 호출자(${caller})를 제외합니다(${principalText(by)}에 의해)`,
    conditionNotMet: ({ failed }) => `조건이 충족되지 않습니다: ${failed.map(conditionSummary).join('; ')}`,
    conditionError: ({ errors }) =>
      `조건을 평가할 수 없으므로 Allow가 적용되지 않습니다: ${errors.map((e) => ko.conditionError[e.code](e as never)).join('; ')}`,
    failClosed: ({ errors }) =>
      `조건을 평가할 수 없으므로 안전하게 거부하는 쪽으로 적용됩니다(${errors.map((e) => ko.conditionError[e.code](e as never)).join('; ')})`,
    matches: ({ conditions }) => (conditions ? '일치하며 모든 조건이 충족됩니다' : '일치합니다(조건 없음)'),
    setAside: ({ rule, action }) => `일치하지만 S3가 이 Deny를 적용하지 않습니다: ${SET_ASIDE[rule](action)}`,
  },
  principalNote: {
    canonicalUnknown: ({ value, oai }) =>
      `CanonicalUser ${value} 값과 비교할 수 없습니다: 호출자${oai ? '' : ' 계정'}의 정식 사용자 ID를 알 수 없습니다(s3.canonicalUserIds)`,
    principalWildcard: ({ value }) =>
      `\`${value}\`: AWS는 보안 주체 값 안의 와일드카드를 지원하지 않으므로 어떤 보안 주체와도 일치하지 않습니다(aws:PrincipalArn 조건을 사용하십시오)`,
    uniqueId: ({ value }) =>
      `\`${value}\`: 고유 ID입니다(삭제되었거나 다시 생성된 사용자 또는 역할이 이렇게 표시됩니다); 요청에서는 호출자를 ARN으로 지정하므로 일치하지 않습니다`,
  },
  notPrincipal: {
    listsEveryone: () => 'NotPrincipal에 모든 보안 주체가 나열되어 있습니다',
    service: ({ listed, service }) =>
      listed ? `NotPrincipal에 ${service} 서비스 보안 주체가 나열되어 있습니다` : `NotPrincipal에 ${service} 서비스 보안 주체가 나열되어 있지 않습니다`,
    oai: ({ listed }) => (listed ? 'NotPrincipal에 오리진 액세스 ID가 나열되어 있습니다' : 'NotPrincipal에 오리진 액세스 ID가 나열되어 있지 않습니다'),
    anonymous: () => 'NotPrincipal에 모든 보안 주체가 나열되어 있지 않으므로 익명 호출자는 거부됩니다',
    boundary: () => 'NotPrincipal이 있는 Deny 문은 권한 경계가 연결된 보안 주체를 항상 거부합니다',
    account: ({ listed, account }) => (listed ? 'NotPrincipal에 해당 계정이 나열되어 있습니다' : `NotPrincipal에 ${account} 계정이 나열되어 있지 않습니다`),
    everyLevel: () => 'NotPrincipal에 호출자가 모든 수준(계정, 역할, 세션)에서 나열되어 있습니다',
    someLevels: ({ caller, missing }) =>
      `NotPrincipal에 호출자(${caller})는 나열되어 있지만 다음은 나열되어 있지 않습니다: ${missing.join(', ')}; AWS는 모든 수준을 확인하므로 Deny가 적용됩니다`,
    notListed: ({ caller }) => `NotPrincipal에 호출자(${caller})가 나열되어 있지 않습니다`,
  },
  matched: {
    value: ({ text }) => text,
    principal: ({ value }) => principalText(value),
    notListed: ({ element, subject }) => `${element}(${subject} 미포함)`,
    notPrincipalDeny: ({ spared }) => `NotPrincipal: ${ko.notPrincipal[spared.code](spared as never)}`,
  },
  namesCaller: (grant, value) => {
    const whom = { account: '호출자의 계정을', role: '이 세션의 역할을', principal: '호출자 자신을', everyone: '호출자 자신을' }[grant];
    return ` (이 정책 문은 ${whom} 지정합니다: ${principalText(value)})`;
  },
  principalText,

  layerReason: {
    denies: ({ count, level }) => `${atLevel(level)}${count === 1 ? 'Deny 문이 적용됩니다' : `Deny 문 ${count}개가 적용됩니다`}`,
    allows: ({ count, level }) => `${atLevel(level)}${count === 1 ? 'Allow 문이 적용됩니다' : `Allow 문 ${count}개가 적용됩니다`}`,
    noAllow: ({ action, resource, level }) => `${atLevel(level)}${resource}에 대한 ${action} 작업을 허용하는 정책 문이 없습니다`,
    denySetAside: ({ rule, count, allows, action }) =>
      `${count === 1 ? 'Deny 문이 일치하지만' : `Deny 문 ${count}개가 일치하지만`} S3가 적용하지 않습니다: ${SET_ASIDE[rule](action)}` +
      (allows ? `. ${allows === 1 ? 'Allow 문이 적용됩니다' : `Allow 문 ${allows}개가 적용됩니다`}` : ''),
    noPolicy: () => '이 계층에 지정된 정책이 없습니다',
    rcpManagementAccount: () => 'RCP는 관리 계정의 리소스에 영향을 주지 않습니다',
    rcpServiceNotCovered: ({ service }) => `RCP는 ${service} 서비스의 작업에 적용되지 않습니다`,
    rcpServiceLinkedRole: () => 'RCP는 서비스 연결 역할을 제한하지 않습니다',
    rcpAwsManagedKey: () => 'RCP는 AWS 관리형 KMS 키에 적용되지 않습니다',
    scpNotIam: () => 'SCP는 IAM 사용자와 역할만 제한하며, 익명 호출자나 서비스 보안 주체는 제한하지 않습니다',
    scpManagementAccount: () => 'SCP는 관리 계정의 보안 주체에 영향을 주지 않습니다',
    scpServiceLinkedRole: () => 'SCP는 서비스 연결 역할에 영향을 주지 않습니다',
    oaiNoKms: () =>
      'CloudFront 오리진 액세스 ID(OAI)는 KMS 키를 사용할 수 없습니다; 오리진 액세스 제어(OAC)를 사용하고 키 정책에서 cloudfront.amazonaws.com에 권한을 부여하십시오',
    noKeyPolicy: () => '키 정책이 지정되지 않았습니다: KMS 키에는 항상 키 정책이 있으며, 키 정책이 이 요청을 허용해야 합니다',
    noTrustPolicy: () => '역할 신뢰 정책이 지정되지 않았습니다: 역할에는 항상 신뢰 정책이 있으며, 신뢰 정책이 이 요청을 허용해야 합니다',
    noResourcePolicy: () => '리소스 기반 정책이 지정되지 않았습니다',
    noAccessPointPolicy: () => '액세스 포인트 정책이 지정되지 않았습니다: 같은 계정 안에서는 자격 증명 기반 정책이 액세스 포인트 쪽 권한을 결정합니다',
    callerHasNo: ({ caller, callerText, what }) =>
      `${callerWords(caller, callerText)}에게는 ${{ identity: '자격 증명 기반 정책이', boundary: '권한 경계가', session: '세션이' }[what]} 없습니다`,
    federationNoSessionPolicy: () =>
      '세션 정책 없이 생성된 페더레이션 사용자 세션(--policy나 --policy-arns 없이 호출한 GetFederationToken)에는 자체 권한이 없습니다',
    rootFullAccess: () => '계정 루트 사용자는 자기 계정 안에서 모든 권한을 가집니다',
    aclGrants: ({ on, grants }) => `${on === 'bucket' ? '버킷' : '객체'} ACL이 ${grants.map(aclGrant).join(', ')} 권한을 부여합니다`,
    aclNoGrant: ({ on, permission, notOwner, ignored }) =>
      `${on === 'bucket' ? '버킷' : '객체'} ACL이 이 호출자에게 ${permission} 권한을 부여하지 않습니다` +
      (notOwner
        ? `(소유자가 아닌 호출자는 이 ACL의 WRITE 권한으로 기존 객체를 ${notOwner.overwrite ? '덮어쓸' : '삭제할'} 수 없습니다. 기존 객체의 소유자: ${
            notOwner.owner !== undefined ? `${notOwner.owner} 계정` : '버킷 소유자'
          })`
        : '') +
      (ignored.length ? `; 퍼블릭 액세스 차단의 IgnorePublicAcls 설정이 퍼블릭 권한 부여(${ignored.map(aclGrant).join(', ')})를 무시합니다` : ''),
    aclOnlyObjectAcl: ({ owner, action }) =>
      `객체 ACL이 지정되지 않았습니다; 객체를 ${String(owner)} 계정이 소유하므로 ${action} 권한은 그 객체 ACL만 부여할 수 있습니다`,
    aclDisabled: () => 'ACL이 비활성화되어 있습니다(객체 소유권: BucketOwnerEnforced)',
    bucketPolicyUserContext: ({ objectOwner }) =>
      `이 정책의 Allow는 호출자에게 호출자 자신의 계정 권한을 줍니다(호출자의 계정이 버킷 소유자입니다); 객체는 ${String(objectOwner)} 계정이 소유하므로 그 객체 ACL도 권한을 부여해야 합니다`,
    bucketPolicyNotReachObject: ({ objectOwner }) =>
      `이 정책의 Allow는 이 객체에 미치지 않습니다: 객체를 버킷 소유자가 아닌 ${String(objectOwner)} 계정이 소유하므로, 이 객체에 대한 액세스 권한은 객체 ACL만 부여할 수 있습니다`,
    refused: ({ refusal }) => ko.refusal[refusal.code](refusal as never),
  },
  // Appended to the layer's reason, which is a whole sentence: each says why this layer need not allow.
  notRequired: {
    directGrant: ({ by, layer }) => {
      const direct = `${w(by === 'acl' ? 'ACL' : NAMES[by], '이/가')} 이 보안 주체에게 직접 권한을 부여하므로 이 계층의 허용은 필요 없습니다`;
      if (layer === 'boundary') return ` (${direct}; 권한 경계의 암시적 거부는 이렇게 직접 부여된 권한을 제한하지 않습니다)`;
      if (layer === 'session') return ` (${direct}; 세션 정책의 암시적 거부는 이렇게 직접 부여된 권한을 제한하지 않습니다)`;
      return ` (${direct})`;
    },
    identitySuffices: () => ' (같은 계정 안에서는 자격 증명 기반 정책의 Allow만으로 충분하므로 이 계층의 허용은 필요 없습니다)',
    resourceGrantsRole: () => ' (리소스 기반 정책이 역할에 권한을 부여하므로 이 계층의 허용은 필요 없습니다)',
  },
  refusal: {
    requesterPaysAnonymous: () => '요청자 지불 버킷이므로 익명 요청을 받지 않습니다',
    requesterPaysHeader: () => '요청자 지불 버킷인데 요청에 `x-amz-request-payer: requester` 헤더가 없습니다(CLI: --request-payer requester)',
    blockPublicAcls: ({ why }) => `${ko.publicAcl[why.code](why as never)}; 퍼블릭 액세스 차단의 BlockPublicAcls 설정이 이 요청을 거부합니다`,
    restrictPublicBuckets: ({ statementIndex, sid }) =>
      `버킷 정책이 퍼블릭 상태이므로(${sid !== undefined ? `"${sid}" ` : ''}정책 문 #${statementIndex}) RestrictPublicBuckets 설정에 따라 버킷 소유자의 계정과 AWS 서비스 보안 주체만 이 버킷에 액세스할 수 있습니다`,
    ignorePublicAcls: ({ grants }) =>
      `이 요청을 허용할 수 있는 것은 ACL의 퍼블릭 권한 부여(${grants.map(aclGrant).join(', ')})뿐인데, 퍼블릭 액세스 차단의 IgnorePublicAcls 설정이 이를 무시합니다`,
  },
  publicAcl: {
    cannedPublic: ({ values }) => `미리 제공된 ACL(\`${values.join(',')}\`)이 퍼블릭 ACL입니다`,
    grantPublic: ({ key }) => `${key} 값이 퍼블릭 그룹에 권한을 부여합니다`,
  },
  aclGrant,

  decision: {
    sts: ({ rule, sourceIdentity }) =>
      ko.sts[rule] +
      (sourceIdentity
        ? `. 세션의 값은 "${sourceIdentity.persisted}"인데 요청은 "${sourceIdentity.requested}"로 설정하려고 합니다. SourceIdentity를 보내지 않거나 같은 값을 보내십시오`
        : ''),
    explicitDeny: ({ first, more }) => `${denyCause(first, '명시적으로 ')}${moreDenies(more)}`,
    implicitDeny: ({ parts }) => `암시적으로 거부됩니다: ${missingParts(parts)}`,
    allowed: ({ by, guards, setAside }) => {
      const root = by.includes('rootFullAccess');
      const layers = by.map((b) => (b === 'rootFullAccess' ? '자기 계정에 대한 루트 사용자의 전체 액세스 권한' : NAMES[b]));
      const guardText = guards.map((g) => (g.level !== undefined ? `${g.policyType.toUpperCase()} 레벨 ${g.level}` : NAMES[g.policyType]));
      // `A에서 허용합니다`, `A와 B에서`, `A, B, C에서`; the root user's access is a reason, not a policy: `…권한으로 허용됩니다`.
      const named = layers.length === 2 ? `${w(layers[0]!, '과/와')} ${layers[1]!}` : layers.join(', ');
      const verb = root ? `${w(named, '으로/로')} 허용됩니다` : `${named}에서 허용합니다`;
      const aside = setAside ? `; ${SET_ASIDE_HEADLINE[setAside]}` : '';
      return `${verb}${guards.length ? `; 가드레일(${guardText.join(', ')})도 모두 허용합니다` : ''}${aside}`;
    },
    chainedDenied: ({ explicit, action, chained }) => {
      const body = chained.map((c) => {
        const why = c.why;
        const head = `${chainingService([c.action])}가 추가로 확인하는 ${c.action} 작업은`;
        if (why.code === 'explicitDeny') return `${head} ${denyCause(why.first, '')}${moreDenies(why.more)}`;
        if (why.code === 'implicitDeny') return `${head} 허용되지 않습니다; ${missingParts(why.parts)}`;
        return `${head} 허용되지 않습니다; ${ko.decision[why.code](why as never)}`;
      });
      return `${explicit ? '명시적으로' : '암시적으로'} 거부됩니다: ${action} 작업 자체는 허용되지만, ${body.join('; 또한 ')}`;
    },
    s3Refusal: ({ rule }) => `S3 자체가 거부합니다: ${ko.s3Refusal[rule]}`,
  },
  missingPart: {
    guardrail: ({ policyType, level, levelCount }) =>
      `${level !== undefined ? `레벨 ${level}(${levelName(level, levelCount)})에서 ` : ''}이 요청을 허용하는 ${w(NAMES[policyType], '이/가')} 없습니다`,
    nonIamCaller: ({ caller, callerText, oaiKms, via, action }) => {
      if (oaiKms) return 'CloudFront 오리진 액세스 ID는 KMS 키를 사용할 수 없으므로 SSE-KMS 객체를 읽을 수 없습니다';
      const viaName = via === 'acl' ? '객체 ACL' : NAMES[via];
      return `${callerWords(caller, callerText)}는 ${w(viaName, '을/를')} 통해서만 허용될 수 있는데, ${action} 작업을 허용하는 ${w(viaName, '이/가')} 없습니다`;
    },
    crossAccount: ({ principalAccount, resourceAccount, kms, viaAcl, resourceType, lacking, roleChain }) => {
      let where = viaAcl ? '객체 소유자는' : '리소스는';
      if (kms) where = '키는';
      const other = viaAcl ? '객체 ACL' : NAMES[resourceType];
      const names = lacking.map((m) => (m === 'acl' ? '객체 ACL 권한 부여' : NAMES[m]));
      const none = names.length === 1 ? `이를 허용하는 ${w(names[0]!, '이/가')} 없습니다` : `이를 허용하는 ${names.map((n) => `${n}도`).join(', ')} 없습니다`;
      const account = resourceAccount !== undefined ? `${resourceAccount} 계정` : '다른 계정';
      if (roleChain)
        return `역할을 연쇄해 수임할 때 소스 자격 증명을 설정하려면 호출자의 권한 정책과 역할의 신뢰 정책이 모두 sts:SetSourceIdentity 작업을 허용해야 합니다; ${none}`;
      return `교차 계정 요청(보안 주체는 ${principalAccount} 계정, ${where} ${account})에서는 보안 주체의 정책과 ${w(other, '이/가')} 모두 허용해야 합니다; ${none}`;
    },
    mustAllowSilent: ({ kms, policyGiven, identityAllows, action }) =>
      (policyGiven
        ? `${w(ownPolicy(kms), '이/가')} 이 보안 주체에게 ${action} 작업을 허용하지 않습니다`
        : `${w(ownPolicy(kms), '이/가')} 지정되지 않았는데, ${kms ? 'KMS 키의 키 정책이' : '역할의 신뢰 정책이'} ${action} 작업을 허용해야 합니다`) +
      (identityAllows
        ? `(IAM 정책만으로는 허용할 수 없습니다: ${w(ownPolicy(kms), '이/가')} 허용하거나, 계정을 지정하는 정책 문으로 IAM 정책에 판단을 위임해야 합니다)`
        : ''),
    identityMissing: ({ action, delegated, noGrantIn }) => {
      const why = delegated
        ? `(${w(delegated.mustAllow ? ownPolicy(delegated.kms) : '리소스 기반 정책', '이/가')} 계정에 권한을 부여하므로 판단이 IAM 정책에 위임됩니다)`
        : '';
      return noGrantIn
        ? `${action} 작업을 허용하는 자격 증명 기반 정책이 없고${why}, 이 보안 주체에게 그 권한을 부여하는 ${NAMES[noGrantIn]}도 없습니다`
        : `${action} 작업을 허용하는 자격 증명 기반 정책이 없습니다${why}`;
    },
    boundaryMissing: ({ action }) =>
      `권한 경계가 ${action} 작업을 허용하지 않습니다; 유효 권한은 자격 증명 기반 정책과 권한 경계가 모두 허용하는 범위(교집합)로 제한됩니다`,
    sessionMissing: ({ action, federated }) =>
      federated
        ? '페더레이션 사용자 세션이 세션 정책 없이 생성되었으므로 자체 권한이 없습니다(GetFederationToken)'
        : `세션 정책이 ${action} 작업을 허용하지 않습니다; 세션의 권한은 자격 증명 기반 정책과 세션 정책이 모두 허용하는 범위(교집합)로 제한됩니다`,
    bucketBehindAccessPoint: ({ action, bucketArn, accessPointAccount, policyGiven }) =>
      `액세스 포인트를 통한 요청은 기본 버킷도 허용해야 하는데, ${policyGiven ? `버킷 정책에 이 보안 주체에게 ${bucketArn} 리소스에 대한 ${action} 작업을 허용하는 정책 문이 없습니다` : '버킷 정책이 지정되지 않았습니다'}: ` +
      `버킷 정책이 액세스 포인트에 액세스 제어를 위임하거나("AWS": "*"에 대한 Allow와 StringEquals s3:DataAccessPointAccount ${accessPointAccount} 조건) 버킷 자체 ARN에 같은 권한을 부여해야 합니다`,
  },
  sts: {
    getCallerIdentity: 'sts:GetCallerIdentity에는 권한이 필요 없습니다: STS는 서명된 모든 호출자에게 응답하며, 명시적 거부도 효과가 없습니다',
    rootAssumeRole: 'STS는 계정 루트 사용자의 요청을 거부합니다: 루트 사용자 자격 증명으로는 AssumeRole을 호출할 수 없습니다(IAM 사용자나 역할을 사용하십시오)',
    federatedIam: '페더레이션 사용자 세션(GetFederationToken)은 정책에서 무엇을 허용하든 API나 CLI로 IAM 작업을 호출할 수 없습니다',
    federatedSts: '페더레이션 사용자 세션(GetFederationToken)은 정책에서 무엇을 허용하든 GetCallerIdentity를 제외한 STS 작업을 호출할 수 없습니다',
    getSessionToken:
      'IAM 사용자나 루트 사용자의 sts:GetSessionToken에는 권한이 필요 없습니다: 이 인증 작업은 정책으로 제어할 수 없으며, 명시적 거부도 효과가 없습니다',
    sessionTokenFromSession:
      'STS는 역할 세션의 요청을 거부합니다: GetSessionToken은 IAM 사용자(또는 루트 사용자)의 장기 자격 증명으로 호출해야 하는데, 역할 세션에는 임시 자격 증명만 있습니다',
    federationTokenFromSession:
      'STS는 역할 세션의 요청을 거부합니다: GetFederationToken은 IAM 사용자의 장기 자격 증명으로 호출해야 하는데, 역할 세션에는 임시 자격 증명만 있습니다',
    sourceIdentityChanged:
      'STS가 요청을 거부합니다: 소스 자격 증명(source identity)은 한 번 설정하면 바꿀 수 없고, 역할 체인에서는 호출자 세션의 값이 그대로 이어집니다',
  },
  s3Refusal: {
    kmsAnonymous: 'SSE-KMS 객체에 대한 요청은 SigV4로 서명해야 하는데, 익명 요청은 서명되지 않습니다',
    kmsHttp: 'SSE-KMS 객체에 대한 요청은 TLS(HTTPS)를 사용해야 하는데, 이 요청은 일반 HTTP입니다',
    copyAnonymous: '복사 요청은 인증되어야 하는데, 이 요청은 익명입니다',
    bucketPolicyOtherAccount:
      '버킷 정책은 버킷 소유자 계정의 자격 증명만 읽고 바꾸고 삭제할 수 있습니다. 다른 계정의 요청에는 정책과 관계없이 S3가 405 Method Not Allowed로 응답합니다',
  },
  describeStatement,

  chainReason: {
    putObjectAcl: ({ canned, grants }) =>
      `업로드 요청에서 ACL을 설정하므로(${[canned !== undefined ? `x-amz-acl ${canned}` : '', ...grants].filter(Boolean).join(', ')}) S3가 s3:PutObjectAcl 권한도 확인합니다`,
    putObjectTagging: () => '업로드 요청에 태그(x-amz-tagging)가 있으므로 S3가 s3:PutObjectTagging 권한도 확인합니다',
    putObjectRetention: () =>
      '업로드 요청에서 객체 잠금 보존 기간(x-amz-object-lock-mode / -retain-until-date)을 설정하므로 S3가 s3:PutObjectRetention 권한도 확인합니다',
    putObjectLegalHold: () => '업로드 요청에서 객체 잠금 법적 보존(x-amz-object-lock-legal-hold)을 설정하므로 S3가 s3:PutObjectLegalHold 권한도 확인합니다',
    copySourceRead: ({ sameBucket }) =>
      `CopyObject는 복사 원본(x-amz-copy-source)을 읽으므로 S3가 원본에 대한 s3:GetObject 권한도 확인합니다${sameBucket ? '' : '(원본 버킷의 정책은 지정되지 않았습니다)'}`,
    copySourceKms: (r) => kmsChain('복사 원본이 SSE-KMS로 암호화되어 있으므로 원본을 읽으려면 kms:Decrypt 권한이 필요합니다', r),
    uploadKms: (r) => kmsChain('SSE-KMS 업로드에는 이 키에 대한 kms:GenerateDataKey 권한이 필요합니다', r),
    multipartKms: (r) => kmsChain('SSE-KMS 멀티파트 업로드에는 kms:Decrypt 권한도 필요합니다', r),
    bucketKeyKms: (r) => kmsChain('S3 버킷 키를 사용하는 업로드에는 kms:Decrypt 권한도 필요합니다', r),
    replicaKms: (r) => kmsChain('SSE-KMS로 복제하려면 복제본 키에 대한 kms:Encrypt 권한이 필요합니다', r),
    readKms: (r) => kmsChain('SSE-KMS 객체를 읽으려면 그 키에 대한 kms:Decrypt 권한이 필요합니다', r),
    createBucketAcl: ({ canned, grants }) =>
      `새 버킷에 ACL이 설정되므로(${canned !== undefined ? `x-amz-acl ${canned}` : grants.join(', ')}) S3가 s3:PutBucketAcl 권한도 확인합니다`,
    createBucketOwnership: () => '요청에서 객체 소유권(x-amz-object-ownership)을 설정하므로 S3가 s3:PutBucketOwnershipControls 권한도 확인합니다',
    tagSession: ({ keys, transitive }) =>
      `세션 태그(${keys.join(', ') || '전이 태그 키만'}${transitive.length ? `; 전이 태그: ${transitive.join(', ')}` : ''})를 전달하므로 ` +
      'STS가 sts:TagSession 권한도 확인합니다. 역할의 신뢰 정책이 이를 허용해야 합니다(다른 계정에서 호출하면 호출자의 정책도 허용해야 합니다)',
    setSourceIdentity: ({ value, persisted }) =>
      `소스 자격 증명 ${value}을(를) 설정하므로${persisted ? '(호출자의 역할 세션에서 이어받은 값)' : ''} ` +
      'STS가 sts:SetSourceIdentity 권한도 확인합니다. 역할의 신뢰 정책이 이를 허용해야 합니다(다른 계정에서 호출하거나 역할을 연쇄해 수임하면 호출자의 정책도 허용해야 합니다)',
  },
  keySource,

  assumption: {
    resourceAccountFromPrincipal: () =>
      '리소스 소유자를 보안 주체의 계정으로 간주합니다(리소스 ARN에 계정 ID가 없습니다. 다른 계정이 소유한 경우 `resourceAccount` 필드를 설정하십시오)',
    throughVpcEndpoint: () => '요청이 정책이 지정된 VPC 엔드포인트를 거치는 것으로 간주합니다(요청 컨텍스트에 aws:SourceVpce가 없습니다)',
    sourceIpBehindEndpoint: ({ endpoint, keptAsVpcSourceIp }) =>
      `요청이 VPC 엔드포인트(${endpoint ?? '정책이 지정된 엔드포인트'})를 거쳤습니다; AWS는 VPC 엔드포인트를 거친 요청에는 aws:SourceIp 키를 설정하지 않으므로 ` +
      `aws:SourceIp에 대한 조건은 값을 찾지 못합니다${keptAsVpcSourceIp ? '; 이 주소는 aws:VpcSourceIp 키의 값으로 사용합니다' : ''}`,
    existingObjectTagUnsupported: ({ key, action }) =>
      `S3는 ${action} 작업에는 ${key} 키를 설정하지 않으므로(s3:GetObject 같은 작업에만 설정합니다) 이 키에 대한 조건에서는 값을 찾을 수 없습니다`,
    awsManagedKeyPolicy: ({ account, regionKnown }) =>
      `이 키는 AWS 관리형 키(aws/s3)이므로 키 정책을 변경할 수 없습니다; 이 키 정책은 S3를 통해 요청하는 ${account} 계정의 호출자를 허용합니다${
        regionKnown
          ? ''
          : '(리전을 알 수 없으므로, S3가 호출하는 것으로 보고 kms:ViaService 조건을 충족한 것으로 간주합니다. 확인하려면 `region` 필드를 설정하십시오)'
      }`,
    roleArnOfSession: ({ session, sso }) =>
      sso
        ? `세션 ${session}의 역할 ARN이며, IAM Identity Center의 경로(/aws-reserved/sso.amazonaws.com/)를 적용합니다(세션 ARN에는 경로가 없습니다. 역할 경로에 리전도 포함되어 있다면 \`context\`에서 aws:PrincipalArn 키를 설정하십시오)`
        : `세션 ${session}의 역할 ARN이며, 역할 경로는 /로 간주합니다(세션 ARN에는 경로가 없습니다. 역할에 /service-role/ 같은 경로가 있다면 \`context\`에서 aws:PrincipalArn 키를 설정하십시오)`,
    resourceAccountOther: () =>
      '리소스를 다른 계정의 것으로 간주했습니다(ARN에 계정이 없고, 이렇게 읽으면 허용되지 않습니다); 확정하려면 `resourceAccount` 필드를 설정하십시오',
    resourceOwnerAssumed: () => '리소스 소유자를 보안 주체의 계정으로 간주합니다(다른 계정이 소유한 경우 `resourceAccount` 필드를 설정하십시오)',
    headerNotForAction: ({ header, key, action }) =>
      `${header} 헤더는 ${key} 키로 읽지 않습니다: 서비스 참조에 ${key} 키가 ${action} 작업의 키로 나와 있지 않으므로 AWS는 이 요청에 이 키를 설정하지 않습니다`,
    copySourceFromHeader: ({ header }) =>
      `s3:x-amz-copy-source 키는 ${header} 헤더 값에서 앞의 슬래시를 빼고 URL 디코딩하여 읽습니다(AWS 정책 예제의 bucket/key 형식); AWS 문서에는 이렇게 읽는다는 내용이 없습니다`,
    actionFromOperation: ({ operation, actions, onCopySource, source }) => {
      const also =
        actions.length > 1 ? `; AWS는 ${actions.slice(1).join(', ')}도 요구하지만 여기서는 평가하지 않았습니다(확인하려면 --action으로 주십시오)` : '';
      const copy = onCopySource?.length ? `; 복사 원본에는 ${onCopySource.join(', ')} 권한이 필요하며, 이는 여기서 평가하지 않은 별도의 요청입니다` : '';
      return `${operation}은(는) API 작업입니다: AWS는 이를 ${actions[0]!} 작업으로 인가합니다(${source})${also}${copy}`;
    },
    resourceFromS3Url: ({ url, style, decoded, queryDropped, region, insecure }) => {
      const how = {
        s3Uri: `S3 URI ${url}에서 읽었습니다: 버킷 다음의 키는 적힌 그대로입니다`,
        virtualHosted: `가상 호스팅 방식 S3 URL ${url}에서 읽었습니다: 버킷은 호스트 이름에서, 키는 경로에서 가져왔습니다`,
        pathStyle: `경로 방식 S3 URL ${url}에서 읽었습니다: 버킷은 경로의 첫 부분에서, 키는 나머지 경로에서 가져왔습니다`,
      }[style];
      const extra = [
        ...(decoded ? ['키는 URL 디코딩했습니다'] : []),
        ...(queryDropped ? ['쿼리 문자열은 제외했습니다'] : []),
        ...(region !== undefined ? [`리전(${region})은 호스트 이름에서 가져왔습니다`] : []),
        ...(insecure ? ['http://이므로 aws:SecureTransport = false로 봅니다'] : []),
      ];
      return `${how}${extra.length ? `(${extra.join('; ')})` : ''}`;
    },
    bucketAccountFromAccessPoint: () =>
      '액세스 포인트의 기본 버킷을 액세스 포인트와 같은 계정의 버킷으로 간주합니다(다른 계정이 소유한 경우 `s3.accessPoint.bucketAccount` 필드를 설정하십시오)',
    bucketAccountOther: () =>
      '액세스 포인트 뒤의 버킷을 다른 계정의 것으로 간주했습니다(액세스 포인트 ARN으로는 알 수 없고, 이렇게 읽으면 허용되지 않습니다); 확정하려면 `s3.accessPoint.bucketAccount` 필드를 설정하십시오',
    notThroughVpcEndpoint: () =>
      '요청이 정책이 지정된 VPC 엔드포인트를 거치지 않는 것으로 간주했습니다(이렇게 읽으면 허용되지 않습니다): 엔드포인트 정책도, aws:SourceVpce, aws:SourceVpc, aws:VpcSourceIp 키도 없습니다; 엔드포인트를 거친다면 `context`에서 aws:SourceVpce 키를 설정하십시오',
    copySourceAsSent: ({ header }) =>
      `s3:x-amz-copy-source 값을 ${header} 헤더를 보낸 그대로(앞의 슬래시와 URL 인코딩 포함)로 간주했습니다(AWS 문서에 형식이 없고, 이렇게 읽으면 허용되지 않습니다); 확정하려면 \`context\`에서 s3:x-amz-copy-source 키를 설정하십시오`,
    rolePathOther: ({ session }) =>
      `세션 ${session}의 aws:PrincipalArn을 다른 경로를 가진 역할의 ARN으로 간주했습니다(세션 ARN에는 경로가 없고, 이렇게 읽으면 허용되지 않습니다); 확정하려면 \`context\`에서 aws:PrincipalArn 키를 역할의 ARN으로 설정하십시오`,
    objectOwnershipAclsEnabled: () =>
      '버킷의 객체 소유권 설정이 주어지지 않아 ACL이 활성화된 것으로 간주합니다(BucketOwnerPreferred여도 결정은 같습니다): ACL이 권한을 부여하고, 객체는 그 객체를 쓴 계정이 소유합니다; 새 버킷의 기본값인 BucketOwnerEnforced에서는 ACL이 비활성화됩니다(확정하려면 `s3.objectOwnership` 필드를 설정하십시오)',
    objectOwnershipEnforcedOther: () =>
      '버킷의 객체 소유권 설정이 주어지지 않아 새 버킷의 기본값인 BucketOwnerEnforced로 간주했습니다(이렇게 읽으면 허용되지 않습니다): ACL이 비활성화되어 아무 권한도 부여하지 않고, 버킷 소유자가 모든 객체를 소유합니다; 확정하려면 `s3.objectOwnership` 필드를 설정하십시오',
  },
  defaultAssumed: (key) => {
    const known: Record<string, string> = {
      'aws:securetransport': 'AWS는 모든 요청에 aws:SecureTransport 키를 설정합니다; AWS SDK와 CLI가 기본으로 사용하는 HTTPS로 보고 true로 간주합니다',
      'aws:currenttime': 'AWS는 모든 요청에 aws:CurrentTime 키를 설정합니다; 이 평가를 실행한 시각으로 간주합니다',
      'aws:epochtime': 'AWS는 모든 요청에 aws:EpochTime 키를 설정합니다; 이 평가를 실행한 시각으로 간주합니다',
    };
    return `${known[key.toLowerCase()] ?? `${key} 키의 값을 가정합니다`}; 바꾸려면 \`context\`에서 설정하십시오`;
  },

  notes: {
    noAwsPolicy: (host) =>
      `AWS 정책을 평가하지 않았습니다: 요청은 AWS가 아닌 스토리지(${host})로 갔고 AWS 정책은 주어지지 않았습니다; ` +
      '스토리지 자체의 접근 규칙(액세스 키, 버킷 ACL 또는 정책)은 모델링하지 않습니다',
    notEvaluated: (host) => `평가하지 않음: 엔드포인트(${host})가 AWS가 아니고 AWS 정책이 주어지지 않았으므로 AWS의 결정이 없습니다`,
    allPoliciesAllow: '모든 정책 계층이 이 요청을 허용합니다; 그래도 AWS가 403을 반환한다면 정책 밖에서 원인을 찾아야 합니다',
    allPoliciesAllowWithCauses:
      '모든 정책 계층이 이 요청을 허용합니다; 그래도 AWS가 403을 반환한다면 정책 밖에서 원인을 찾아야 합니다(요청 정보로 미루어 본 원인을 아래 참고 사항에 정리했습니다)',
    checksumHeaders: ({ host, sent, client }) => {
      const store = `엔드포인트(${host})는 AWS가 아닌 S3 호환 스토리지로`;
      if (!sent) {
        return `${store}, ${client ?? '클라이언트'}에서 모든 업로드에 기본으로 추가하는 체크섬 헤더(Content-Encoding: aws-chunked, x-amz-trailer)를 거부할 수 있습니다(요청 헤더는 주어지지 않았습니다)`;
      }
      return `${store}, 이 요청이 보내는 체크섬 헤더(${sent.join(', ')})를 거부할 수 있습니다${client ? `; 이 헤더는 ${client}에서 기본으로 추가됩니다` : ''}`;
    },
    checksumHeadersFix:
      '~/.aws/config에 request_checksum_calculation = when_required 및 response_checksum_validation = when_required 설정을 추가하거나, ' +
      '같은 설정을 환경 변수(AWS_REQUEST_CHECKSUM_CALCULATION=when_required / AWS_RESPONSE_CHECKSUM_VALIDATION=when_required)로 지정하십시오' +
      '(초기 AWS CLI 2.23 릴리스는 `aws s3 cp`에서 이 설정을 무시했으므로 CLI도 업그레이드하십시오); ' +
      '또는 이전 버전 클라이언트를 사용하거나, 미리 서명된 URL로 일반 HTTP PUT 요청을 보내십시오',
    presignedExpired: (at) => `미리 서명된 URL이 ${at}에 만료되었습니다(S3는 403 "Request has expired"로 응답합니다)`,
    presignedExpiredFix: '미리 서명된 URL을 새로 생성하십시오(IAM 사용자 자격 증명으로는 최대 7일, 임시 자격 증명으로는 그보다 짧습니다)',
    clockSkew: (signedAt) => `요청이 ${signedAt}에 서명되어 현재 시각과 15분 넘게 차이가 납니다: S3는 403 RequestTimeTooSkewed로 응답합니다`,
    clockSkewFix: '클라이언트의 시계를 동기화하십시오(NTP)',
    missingObject404: '객체가 존재하지 않습니다; 호출자가 버킷을 나열할 수 있으므로 S3는 404 NoSuchKey로 응답합니다',
    missingObjectGetDenied:
      '객체가 존재하지 않지만, s3:GetObject 자체가 거부되므로 S3는 여기서 403으로 응답합니다(s3:GetObject와 s3:ListBucket이 모두 허용되었다면 404로 응답합니다)',
    missingObjectNoList:
      '객체가 존재하지 않으며 호출자에게 이 버킷에 대한 s3:ListBucket 권한이 없으므로, S3는 키가 없다는 사실을 드러내지 않도록 403 AccessDenied로 응답합니다',
    missingObjectFix: (bucket) =>
      `키를 확인하십시오(CloudFront를 거친다면 기본 루트 객체도 확인하십시오); 403 대신 404를 받으려면 arn:aws:s3:::${bucket}에 대한 s3:ListBucket 권한을 부여하십시오`,
    oaiKms:
      'CloudFront 오리진 액세스 ID(OAI)는 SSE-KMS로 암호화된 객체에서 작동하지 않습니다(AWS 문서: OAI는 SSE-KMS에서 "작동하지 않거나 추가 해결 방법이 필요합니다")',
    oaiKmsFix:
      '배포를 오리진 액세스 제어(OAC)로 전환하고, 키 정책에서 cloudfront.amazonaws.com 서비스 보안 주체에 kms:Decrypt 권한을 부여하십시오; 이때 해당 배포를 지정하는 StringEquals AWS:SourceArn 조건을 함께 사용하십시오',
    awsManagedKeyService: (service) =>
      `객체가 AWS 관리형 키(aws/s3)로 암호화되어 있는데, 이 키의 키 정책은 ${service} 서비스 보안 주체를 허용하도록 변경할 수 없습니다`,
    awsManagedKeyServiceFix: (service) =>
      `키 정책에서 ${service} 서비스 보안 주체를 허용하는(AWS:SourceArn 조건 포함) 고객 관리형 키나 SSE-S3로 암호화하고, 기존 객체는 다시 암호화하십시오(같은 위치로 복사)`,
    awsManagedKeyCrossAccount: (upload) =>
      upload
        ? '업로드된 객체는 버킷 계정의 AWS 관리형 키(aws/s3)로 암호화됩니다: 이 키의 키 정책은 그 계정의 호출자만 허용하며 변경할 수 없습니다'
        : '객체가 다른 계정의 AWS 관리형 키(aws/s3)로 암호화되어 있습니다: 이 키의 키 정책은 그 계정의 호출자만 허용하며 변경할 수 없습니다',
    awsManagedKeyCrossAccountFix: (upload) =>
      upload
        ? '버킷의 기본 암호화(또는 업로드의 --ssekms-key-id)를 이 계정을 허용하는 키 정책이 있는 고객 관리형 키로 설정하거나, SSE-S3를 사용하십시오'
        : '이 계정을 허용하는 키 정책이 있는 고객 관리형 키로 암호화하십시오(기존 객체도 다시 암호화해야 합니다. 예를 들어 --sse-kms-key-id를 지정해 같은 위치로 복사합니다)',
    requesterPaysAnonymous: '요청자 지불 버킷은 요청자에게 요금을 청구하므로, 정책 내용과 관계없이 익명 요청을 거부합니다',
    requesterPaysAnonymousFix: 'AWS 계정의 자격 증명으로 요청에 서명하고(--no-sign-request 사용 안 함) --request-payer requester 옵션을 추가하십시오',
    anonymousPrivateObject:
      '익명 요청(자격 증명 없음)은 버킷이 공개한 것만 읽을 수 있는데, 이 객체는 공개되어 있지 않습니다: 버킷이 의도대로 동작하고 있습니다',
    anonymousPrivateObjectFix: (bucket, key) =>
      `버킷은 비공개로 두고 미리 서명된 URL로 객체를 공유하십시오. 버킷 정책을 바꾸지 않고 기간이 정해진 액세스를 줍니다(객체를 읽을 수 있는 자격 증명으로 aws s3 presign s3://${bucket}/${key} --expires-in 3600). ` +
      '또는 원본 액세스 제어(OAC)를 설정한 CloudFront로 제공하여, 사용자가 배포를 통해서만 객체에 접근하게 하십시오',
    aclNotSupported: (subject) => `이 버킷은 ACL이 비활성화되어 있습니다(객체 소유권: BucketOwnerEnforced); S3는 ${aclRejected(subject)}`,
    aclNotSupportedFix: (aclAction) =>
      aclAction
        ? 'ACL 대신 정책으로 액세스를 관리하십시오(또는 객체 소유권 설정을 BucketOwnerEnforced가 아닌 값으로 바꾸십시오)'
        : '--acl/--grant-* 없이 업로드하십시오(또는 --acl bucket-owner-full-control을 지정하십시오)',
    aclNotSupportedIfEnforced: (subject) =>
      `버킷의 객체 소유권 설정이 주어지지 않았습니다: 새 버킷의 기본값인 BucketOwnerEnforced라면 ACL이 비활성화되어 있으므로, S3는 정책과 관계없이 ${aclRejected(subject)}`,
    aclNotSupportedIfEnforcedFix: (aclAction) =>
      aclAction
        ? '설정을 확인하십시오(aws s3api get-bucket-ownership-controls). BucketOwnerEnforced라면 ACL 대신 정책으로 액세스를 관리하십시오'
        : '설정을 확인하십시오(aws s3api get-bucket-ownership-controls). BucketOwnerEnforced라면 --acl/--grant-* 없이 업로드하십시오(또는 --acl bucket-owner-full-control을 지정하십시오)',
    newAcl: '새 ACL',
    unknownContextKey: (key, suggestion) =>
      `요청 컨텍스트의 ${key} 키는 어떤 AWS 서비스도 정의하지 않고 전역 키도 아닙니다; AWS는 이 키를 설정하지 않으므로 어떤 정책에서도 이 키를 볼 수 없습니다${suggestion !== undefined ? `; ${suggestion} 키를 의도하셨습니까?` : ''}`,
    unknownContextKeyFix: (key, suggestion) => `요청 컨텍스트에서 ${key} 대신 ${suggestion} 키를 쓰십시오`,
    keyNeverPresent: ({ key, action, statement, neverApplies, suggestion }) => {
      const why = `${key} 키는 AWS가 ${action} 작업에 설정하지 않는 키입니다(전역 키가 아니고, 서비스 참조에도 이 작업의 키로 나와 있지 않습니다)`;
      const dym = suggestion !== undefined ? `; ${suggestion} 키를 의도하셨습니까?` : '';
      return neverApplies
        ? `${statement}의 Deny 정책 문은 ${action} 작업에 적용되지 않습니다: 조건에서 검사하는 ${why}${dym}; 이 Deny 문은 여기서 아무것도 막지 못합니다`
        : `${statement}의 정책 문 조건에서 검사하는 ${why}${dym}; 이 조건에서는 키가 항상 없는 것으로 평가됩니다`;
    },
    keyNeverPresentFix: (key, suggestion) => `해당 정책 문에서 ${key} 대신 ${suggestion} 키를 검사하십시오`,
    client: (kind, version) =>
      ({ boto: `boto3/botocore ${version}`, cli: `AWS CLI ${version}`, js: `AWS SDK for JavaScript ${version}`, java: `AWS SDK for Java ${version}` })[kind],
  },

  fixes: {
    hint: {
      withoutHeader: (header) => `${header} 헤더 없이 요청을 보내십시오`,
      https: 'HTTPS(TLS)로 호출하십시오',
      http: '일반 HTTP로 호출하십시오',
      sourceIp: (v) => `${v}에서 요청을 보내십시오`,
      sourceVpce: (v) => `VPC 엔드포인트(${v})를 거쳐 요청을 보내십시오`,
      sourceVpc: (v) => `VPC ${v}에서 요청을 보내십시오`,
      addressIn: (range) => `${range} 범위의 주소에서 요청을 보내십시오`,
      requestPayer: '--request-payer requester 옵션을 추가하십시오(헤더 x-amz-request-payer: requester)',
      noPublicAcl: '퍼블릭 ACL 없이 요청을 보내십시오(--acl public-read … 사용 안 함)',
      blockPublicAccessOff: (flag) =>
        `퍼블릭 액세스 차단의 ${flag} 설정을 끄십시오(계정과 버킷 모두) — 이 액세스를 의도적으로 퍼블릭으로 허용하려는 경우에만 그렇게 하십시오`,
      objectOwnershipEnforced:
        '버킷의 객체 소유권 설정을 BucketOwnerEnforced로 바꾸십시오(aws s3api put-bucket-ownership-controls): ACL이 비활성화되고 이미 있는 객체를 포함해 모든 객체를 버킷 소유자가 소유하므로 버킷 정책이 적용됩니다',
      objectAclBucketOwnerFullControl: ({ objectOwner, bucket, key }) =>
        `객체 소유자(${objectOwner} 계정)가 버킷 소유자 계정에 FULL_CONTROL 권한을 부여하십시오: aws s3api put-object-acl --bucket ${bucket} --key ${key} --acl bucket-owner-full-control (객체는 계속 ${objectOwner} 계정이 소유합니다)`,
      copyInPlaceBucketOwner: ({ objectOwner, bucket, key }) =>
        `객체 소유자(${objectOwner} 계정)가 s3://${bucket}/${key}를 --acl bucket-owner-full-control 옵션으로 같은 키에 복사하거나(또는 다시 업로드하거나) 하십시오: 버킷의 객체 소유권 설정이 BucketOwnerPreferred이므로 그러면 버킷 소유자가 객체를 소유합니다`,
      bucketOwnerFullControlOwner: (ownership, uploader) =>
        ownership === 'ObjectWriter'
          ? `; 버킷의 객체 소유권 설정이 ObjectWriter이므로 객체는 계속 업로드한 계정${uploader !== undefined ? `(${uploader})` : ''}이 소유하고, 객체 ACL이 버킷 소유자에게 FULL_CONTROL 권한을 부여합니다`
          : '; 버킷의 객체 소유권 설정이 BucketOwnerPreferred이므로 그러면 버킷 소유자가 객체를 소유합니다',
      noAclEnforced: (flags) =>
        `${flags.join(', ')} 옵션 없이 요청을 보내십시오: 버킷의 객체 소유권 설정이 BucketOwnerEnforced라서 ACL이 비활성화되어 있으므로, S3는 bucket-owner-full-control 외의 ACL을 400 AccessControlListNotSupported로 거부합니다`,
    },
    target: {
      kmsKeyPolicy: 'KMS 키 정책',
      identityFor: (principal) => `${principal}에 연결된 자격 증명 기반 정책`,
      federatedCreator: '이 페더레이션 세션을 생성한 IAM 사용자(GetFederationToken)',
      role: (name) => `역할 ${name}`,
      sessionPolicy: '세션을 생성할 때 전달하는 세션 정책(GetFederationToken --policy)',
      organization: (policyType, level, name, alsoIn) => {
        const t = policyType.toUpperCase();
        return (
          `${t} 레벨 ${level}: 이 레벨에 AWS 관리형 ${w(`${t}(${name})`, '을/를')} 연결하십시오(아래 정책 문이 그 ${t}의 내용입니다)` +
          `${alsoIn ? `. 또는 ${alsoIn.source}에서 ${alsoIn.action} 작업을 허용하십시오` : ''}`
        );
      },
      trustPolicy: '역할의 신뢰 정책',
      resourcePolicy: '리소스 기반 정책(예: 버킷 정책)',
      accessPointPolicy: '액세스 포인트 정책',
    },
    describe: (c) => {
      switch (c.type) {
        case 'setContext':
          return c.hint ? `${c.hint} (${c.key} = ${json(c.value)})` : `${c.key} 키를 ${json(c.value)} 값으로 설정하십시오`;
        case 'removeContext':
          return c.hint ?? `${c.key} 키를 보내지 마십시오`;
        case 'addStatement':
          return c.policyType === 'scp' || c.policyType === 'rcp'
            ? `${c.target}: ${json(c.statement)}`
            : `${NAMES[c.policyType]} 계층의 ${c.target}에 다음 정책 문을 추가하십시오: ${json(c.statement)}`;
        case 'removeStatement':
          return `${statementRef(c.sid, c.statementIndex, c.source, c.line, c.column, 'Deny 정책 문')}을 제거하거나 범위를 좁히십시오`;
        case 'setS3':
          return c.hint;
        case 'renameConditionKey':
          return (
            `${statementRef(c.sid, c.statementIndex, c.source, c.line, c.column)}의 조건에서 ${c.from} 대신 ${c.to} 조건 키를 사용하십시오; ` +
            `VPC 엔드포인트를 거친 요청에는 ${c.from} 값이 없으며, 호출자의 사설 주소는 ${c.to} 키에 있습니다`
          );

        case 'addAction':
          return (
            `${statementRef(c.sid, c.statementIndex, c.source, c.line, c.column)}의 Action 목록에 ${c.action} 작업을 추가하십시오` +
            `(Resource, Principal, 조건은 그대로 둡니다): ${json(c.statement)}`
          );
      }
    },
    headline: (c) => {
      switch (c.type) {
        case 'setContext':
          return c.hint ? `${c.hint}  (${c.key} = ${json(c.value)})` : `${c.key} 키를 ${json(c.value)} 값으로 설정하십시오`;
        case 'removeContext':
          return c.hint ? `${c.hint}  (${c.key} 없이)` : `${c.key} 키를 보내지 마십시오`;
        case 'addStatement': {
          if (c.policyType === 'scp' || c.policyType === 'rcp') return `${c.target}:`;
          const kind = c.target.includes(NAMES[c.policyType]) ? '' : `(${NAMES[c.policyType]})`;
          return `${c.target}${kind}에 다음 정책 문을 추가하십시오:`;
        }
        case 'removeStatement':
          return (
            `${statementRef(c.sid, c.statementIndex, c.source, c.line, c.column, 'Deny 정책 문')}을 제거하거나 범위를 좁히십시오 — ` +
            '보안 규칙이 약해지므로, 이 요청까지 막는 것이 규칙의 의도가 아닐 때만 그렇게 하십시오'
          );
        case 'setS3':
          return c.hint;
        case 'renameConditionKey':
          return (
            `${statementRef(c.sid, c.statementIndex, c.source, c.line, c.column)}의 조건에서 ${c.from} 대신 ${c.to} 조건 키를 사용하십시오` +
            `(VPC 엔드포인트를 거친 요청에는 ${c.from} 값이 없고, 호출자의 사설 주소는 ${c.to} 키에 있습니다)`
          );

        case 'addAction':
          return (
            `${statementRef(c.sid, c.statementIndex, c.source, c.line, c.column)}의 Action 목록에 ${c.action} 작업을 추가하십시오` +
            '(Resource, Principal, 조건은 그대로 둡니다). 바꾼 뒤의 정책 문:'
          );
      }
    },
    joiner: '; 그리고 ',
    setContext: (key, value) => `${key} 키를 ${json(value)} 값으로 설정하십시오`,
    safer: '더 안전한 방법입니다: 정책은 그대로 두고 요청이 정책을 충족하도록 바꿉니다',
    weakens: (x) => {
      switch (x.kind) {
        case 'condition':
          return `보안 규칙이 약해집니다: ${statementRef(x.sid, x.statementIndex, x.source, x.line, x.column)}이 요구하는 ${x.key} 조건 없이 요청이 허용됩니다`;
        case 'deny':
          return `보안 규칙이 약해집니다: ${x.source}의 ${x.sid !== undefined ? `"${x.sid}"` : `#${x.statementIndex}`} Deny 정책 문을 제거합니다`;
        case 'aclGrant':
          return '보안 규칙이 약해집니다: 객체의 ACL이 더 이상 읽기 권한을 결정하지 않고, 버킷 정책과 IAM 정책이 결정합니다';
        case 'blockPublicAccess':
          return `보안 규칙이 약해집니다: 퍼블릭 액세스 차단의 ${x.flag} 설정이 더 이상 버킷을 보호하지 않습니다`;
      }
    },
    who: (p) => {
      const acct = p.account !== undefined ? `(${p.account})` : '';
      switch (p.code) {
        case 'caller':
          return '호출자(요청만 바꾸면 됩니다)';
        case 'bucketOwner':
          return `버킷 소유자 계정${acct}`;
        case 'objectOwner':
          return `객체를 소유한 계정${acct}`;
        case 'blockPublicAccess':
          return `버킷 소유자 계정${acct}: 버킷 수준과 계정 수준 모두에서 바꿔야 합니다(둘 중 하나라도 켜져 있으면 퍼블릭 액세스 차단이 적용됩니다)`;
        case 'resourceOwner':
          return `리소스를 소유한 계정${acct}`;
        case 'roleOwner':
          return `역할을 소유한 계정${acct}: 역할의 신뢰 정책에서`;
        case 'keyOwner':
          return `KMS 키를 소유한 계정${acct}: 키 정책에서`;
        case 'principalOwner':
          return `호출자의 역할이나 사용자를 소유한 계정${acct}: IAM에서`;
        case 'sessionCreator':
          return '세션을 만드는 쪽: 세션 정책은 세션을 만들 때 전달합니다';
        case 'organization':
          return `조직의 관리 계정${acct}(또는 Organizations 정책의 위임된 관리자)`;
        case 'accessPointOwner':
          return `액세스 포인트를 소유한 계정${acct}`;
        case 'vpcEndpointOwner':
          return 'VPC 엔드포인트를 소유한 계정';
      }
    },
  },

  evidence: {
    heading: '근거',
    kind: {
      errorMessage: 'AccessDenied 오류 메시지',
      cloudTrail: 'CloudTrail 레코드',
      cliCommand: 'AWS CLI 명령',
      presignedUrl: 'presigned URL',
      cliOutput: 'AWS CLI 출력',
    },
    field: (pointer) => evidenceField(pointer),
    how: {
      stated: () => '적힌 그대로',
      operation: (h) => `${h.operation} 작업의 IAM 액션`,
      eventName: (h) => `${h.eventSource}의 ${h.eventName} 이벤트`,
      s3Location: () => 'S3 위치를 ARN으로',
      accountOfArn: (h) => `${h.arn}의 계정`,
      recordField: (h) => `레코드의 ${h.field} 값을 요청 형식으로`,
      urlResource: (h) =>
        h.style === 'virtualHosted' ? 'URL의 버킷(호스트 이름)과 키(경로, URL 디코딩)를 ARN으로' : 'URL의 버킷과 키(경로, URL 디코딩)를 ARN으로',
      httpMethod: (h) => `이 URL에 대한 ${h.method} 요청은 ${h.operation} 작업: 그 IAM 액션`,
      credentialScope: () => '서명의 자격 증명 범위(X-Amz-Credential)에 있는 리전',
      accessKey: () => '서명한 액세스 키(X-Amz-Credential), 이 스토어의 호출자',
      queryAuth: () => '쿼리 문자열로 서명됨(미리 서명된 URL)',
      signatureVersion: (h) => (h.version === 'SigV4' ? '서명 버전 4(X-Amz-Algorithm)' : '서명 버전 2(AWSAccessKeyId, Signature)'),
      signatureAge: (h) => `--now ${h.now}에서 서명 시각 ${h.signed}(X-Amz-Date)을 뺀 밀리초`,
      expiresAfter: (h) => `${h.signed}(X-Amz-Date)에 서명, ${h.seconds}초 동안 유효(X-Amz-Expires)`,
      queryHeader: () => '서명자가 쿼리 문자열에 넣은 요청 헤더',
      plainHttp: () => 'http:// URL: TLS 없이 보냄',
      cliCommand: (h) =>
        `\`${h.command}\`의 첫 호출${h.also.length ? `; ${h.also.join(', ')}도 필요합니다(여기서 평가하지 않은 요청: 확인하려면 --action과 --resource를 주십시오)` : ''}`,
      cliFlag: (h) => `${h.flag}이(가) 보내는 헤더`,
      unsigned: () => '--no-sign-request: 서명하지 않은 익명 요청',
    },
    overridden: (by) => `쓰지 않음: ${by}이(가) 이 값을 줌`,
    verdict: (v) => {
      const arn = v.policyArn ? ` (${v.policyArn})` : '';
      if (v.kind === 'explicit') return `${v.errorCode}: ${v.policyType ? NAMES[v.policyType] : '정책'}의 명시적 거부${arn}`;
      if (v.kind === 'implicit') return `${v.errorCode}: 이 액션을 허용하는 ${v.policyType ? NAMES[v.policyType] : '정책'}이 없음${arn}`;
      return `${v.errorCode}: 이유 없이 거부됨`;
    },
    agreement: {
      agrees: () => 'policy-why의 판단은 AWS와 같습니다.',
      notGiven: (a) => `AWS는 ${NAMES[a.policyType]}을(를) 지목했지만 주어지지 않았습니다. 추가한 뒤 다시 실행하세요.`,
      otherType: (a) =>
        `AWS는 ${NAMES[a.said]}을(를) 지목했지만 policy-why는 ${NAMES[a.found]}에서 명시적 거부를 찾았습니다(이유가 여럿이면 AWS는 하나만 말합니다). 주어진 ${NAMES[a.said]}이(가) 최신인지 확인하세요.`,
      notDenying: (a) =>
        `AWS는 ${NAMES[a.policyType]}을(를) 지목했지만 주어진 정책은 이 요청을 거부하지 않습니다. 정책이 오래되었거나, 요청의 사실이 근거와 다를 수 있습니다.`,
      allowedButDenied: () => 'AWS는 요청을 거부했지만 주어진 정책은 허용합니다. 결정하는 정책이나 사실이 빠졌거나, 주어진 정책이 오래되었습니다.',
      explicitFound: (a) =>
        `AWS는 이 액션을 허용하는 정책이 없다고 하고, policy-why는 ${NAMES[a.found]}의 명시적 거부도 찾았습니다(이유가 여럿이면 AWS는 하나만 말합니다).`,
    },
    missing: {
      identityPolicies: (m) => `${m.principal}의 자격 증명 기반 정책이 없음`,
      resourcePolicy: (m) => `${m.resource}의 버킷 정책이 없음`,
      organizationPolicies: (m) => `${m.account ? `계정 ${m.account}의 ` : ''}${m.kind === 'scp' ? '서비스 제어 정책(SCP)' : '리소스 제어 정책(RCP)'}이 없음`,
      vpcEndpointPolicy: (m) => `VPC 엔드포인트 ${m.endpoint}의 정책이 없음`,
      kmsKeyPolicy: (m) => `${m.key}의 키 정책이 없음`,
    },
    notUsed: (why) => {
      if (why === 'other principal') return '쓰지 않음: 호출자의 정책이 아님';
      if (why === 'other request') return '쓰지 않음: 다른 요청에 쓰이는 정책';
      return `쓰지 않음: ${why}이(가) 이 계층을 줌`;
    },
    otherPrincipals: (n) => `다른 사용자와 역할의 정책 ${n}개: 쓰지 않음(호출자의 정책이 아님)`,
    said: 'AWS의 응답',
    policiesHeading: '정책',
    missingHeading: '주어지지 않은 것',
    run: '실행',
  },
  check: {
    baselineWritten: ({ file, count }) => `기준선 ${file}에 결과 ${count}건을 기록했습니다`,
    severity: { error: '오류', warning: '경고', info: '정보' },
    summary: ({ errors, warnings, infos, files, policies }) => `파일 ${files}개(정책 ${policies}개)에서 오류 ${errors}건, 경고 ${warnings}건, 정보 ${infos}건`,
    noFindings: ({ files, policies }) => `파일 ${files}개(정책 ${policies}개)에서 문제를 찾지 못했습니다`,
    typeFrom: ({ type, evidence }) => `${type}(으)로 읽음 (${TYPE_EVIDENCE_KO[evidence]})`,
    suppressed: ({ kind, reason }) => `억제됨(${SUPPRESSION_KO[kind]}): ${reason}`,
    suppressedCount: (n) => `억제된 결과 ${n}건`,
    serviceData: (date) => `AWS 서비스 참조 데이터 기준일 ${date}`,
    column: { line: '줄', file: '파일', severity: '심각도', rule: '규칙', message: '내용', reason: '사유' },
    annotationsLeftOut: ({ left, shown }) =>
      `결과 ${left}건은 여기에 표시되지 않았습니다: GitHub는 단계마다 종류별로 주석을 최대 10개까지만 표시합니다(${shown}개 표시). 전체 결과는 코드 스캔 결과(SARIF)에서 보거나 로컬에서 policy-why check를 실행하여 확인하십시오`,
  },
  text: {
    dependsOn: (d) => {
      const [assumed, other] = d.readings;
      const first = d.explained === assumed.reading;
      const settle = `확정하려면 \`${d.field}\` 필드나 ${d.flag} 옵션을 지정하십시오`;
      switch (d.fact) {
        case 'resourceAccount':
          return `결정은 리소스를 누가 소유하는지에 따라 달라집니다: ${String(assumed.account)} 계정이 소유하면 ${assumed.decision}, 다른 계정이 소유하면 ${other.decision}입니다; 아래 설명은 ${first ? '같은 계정이 소유한 경우' : '다른 계정이 소유한 경우'}입니다(${settle}).`;
        case 'accessPointBucketAccount':
          return `결정은 액세스 포인트 뒤의 버킷을 누가 소유하는지에 따라 달라집니다: ${String(assumed.account)} 계정이 소유하면 ${assumed.decision}, 다른 계정이 소유하면 ${other.decision}입니다; 아래 설명은 ${first ? '같은 계정이 소유한 경우' : '다른 계정이 소유한 경우'}입니다(${settle}).`;
        case 'vpcEndpoint':
          return `결정은 요청이 정책이 지정된 VPC 엔드포인트를 거치는지에 따라 달라집니다: 거치면 ${assumed.decision}, 거치지 않으면 ${other.decision}입니다; 아래 설명은 ${first ? '거치는 경우' : '거치지 않는 경우'}입니다(거친다면 \`${d.field}\` 필드나 ${d.flag} 옵션에 엔드포인트 ID를 지정하고, 거치지 않는다면 엔드포인트 정책을 빼십시오).`;
        case 'principalArn':
          return `결정은 세션 역할의 경로에 따라 달라집니다(세션 ARN에는 경로가 없습니다): 역할이 ${String(assumed.value)}이면 ${assumed.decision}, ${String(other.value)}이면 ${other.decision}입니다; 아래 설명은 ${first ? '첫 번째' : '두 번째'} 경우입니다(확정하려면 \`${d.field}\` 필드나 ${d.flag} 옵션에 역할의 ARN을 지정하십시오).`;
        case 'objectOwnership':
          return `결정은 요청에 주어지지 않은 버킷의 객체 소유권 설정에 따라 달라집니다: ACL이 활성화되어 있으면(ObjectWriter 또는 BucketOwnerPreferred) ${assumed.decision}, BucketOwnerEnforced(ACL 비활성화, 새 버킷의 기본값)이면 ${other.decision}입니다; 아래 설명은 ${first ? 'ACL이 활성화된 경우' : 'BucketOwnerEnforced인 경우'}입니다(${settle}).`;
        case 'copySource':
          return `결정은 S3가 x-amz-copy-source 헤더로 s3:x-amz-copy-source 값을 채우는 방식에 따라 달라집니다(AWS 문서에 없습니다): 정책 예제처럼 쓰면(${String(assumed.value)}) ${assumed.decision}, 보낸 그대로이면(${String(other.value)}) ${other.decision}입니다; 아래 설명은 ${first ? '정책 예제 형식' : '보낸 그대로의 형식'}입니다(${settle}).`;
      }
    },
    caller: (principal) => (principal === 'anonymous' ? '익명 호출자(anonymous)' : principal),
    decisionGloss: (decision) => ` (${{ Allowed: '허용', ExplicitDeny: '명시적 거부', ImplicitDeny: '암시적 거부', NotEvaluated: '평가하지 않음' }[decision]})`,
    actionOn: (action, resource) => `${resource}에 대한 ${action}`,
    result: (result) => ({ Allowed: '허용', ExplicitDeny: '명시적 거부', ImplicitDeny: '암시적 거부', NotApplicable: '해당 없음' })[result],
    by: '호출자:',
    account: (account) => `계정 ${account}`,
    objectOwnedBy: (objectOwner, bucketOwner, crossAccount) =>
      `객체 소유 계정 ${objectOwner}, 버킷 계정 ${bucketOwner}${crossAccount ? ', 객체 기준 교차 계정' : ''}`,
    resourceAssumed: (account) => `리소스도 계정 ${account}에 있는 것으로 간주합니다; 다른 계정이 소유한 경우 resourceAccount 필드를 설정하십시오`,
    resourceIn: (account, crossAccount) => `리소스 계정 ${account}${crossAccount ? ', 교차 계정' : ''}`,
    why: '이유:',
    likelyCause: '403의 유력한 원인:',
    fixLabel: '해결 방법:',
    noPolicyDecides: '정책과 무관한 거부:',
    noPolicyDecidesRest: 'AWS는 정책 내용과 관계없이 이 요청을 거부합니다(위의 이유 참조).',
    missingAllow: '허용 누락:',
    // `level` is levelSuffix's ` 레벨 1(OU 1)`: Korean puts it first, as where the Allow is missing.
    missingLine: (what, level, action) => `${level ? `${level.trim()}에서 ` : ''}${action} 작업을 허용하는 ${w(what, '이/가')} 없습니다`,
    levelSuffix: (level, name) => ` 레벨 ${level}(${name})`,
    aclGrantWhat: 'ACL 권한 부여',
    forAction: (action) => ` (${action} 작업에 대해)`,
    alsoFor: (actions) => ` (${actions.join(', ')} 작업에도 해당)`,
    closest: '가장 가까운 정책 문(적용되지 않는 Allow 문과 그 이유):',
    alsoFails: '또한: ',
    more: (n) => `  … 그 밖에 ${n}개 더 있음(--format json 참조)`,
    grantedBy: '허용 근거:',
    deniedBy: '거부 근거:',
    alsoAuthorized: (actions) => `이 요청에 대해 ${alsoAuthorizedBy(chainingService(actions))}:`,
    layersLabel: '계층',
    layersHeading: (hasLevels) => `계층(평가 순서${hasLevels ? ', 조직 레벨 번호는 루트가 0' : ''}):`,
    layerName: (policyType, level) => (level !== undefined ? `${LAYER_LABELS[policyType]} 레벨 ${level}` : LAYER_LABELS[policyType]),
    notNeeded: '필요 없음',
    butRefuses: (actions) => `  ✗ 하지만 ${actions.join(', ')} 작업은 거부합니다("${alsoAuthorizedBy(chainingService(actions))}" 참조)`,
    refuses: (actions) => `  ✗ ${actions.join(', ')} 작업을 거부합니다("${alsoAuthorizedBy(chainingService(actions))}" 참조)`,
    notes: '참고 사항:',
    assumptions: '가정:',
    fixHeading: '해결 방법(각 방법을 다시 평가해 결정이 Allowed로 바뀌는 것을 확인했습니다):',
    whoCanMake: '변경할 수 있는 주체:',
    whoAsFor: (fix) => `${fix}번 수정과 같음`,
    sameAsAbove: '위와 같음',
    noFixButNotes: '정책이나 요청을 바꾸는 것만으로는 이 요청이 허용되지 않습니다; 해결 방법은 위의 참고 사항을 참조하십시오.',
    noFix: '이 요청이 허용되도록 만드는 단일 변경을 찾지 못했습니다.',
    and: '그리고',
    sid: (sid) => `Sid "${sid}"`,
    statementNumber: (index) => `정책 문 #${index}`,
    requestValue: (t) => {
      let origin = t.requestValueHeader !== undefined ? ` (${t.requestValueHeader} 헤더에서 읽음)` : '';
      if (t.requestValueOrigin && t.requestValueOrigin !== 'request') origin = ` (${t.requestValueOrigin === 'default' ? '기본값으로 가정' : '도출된 값'})`;
      return t.requestValue === null ? '없음(키 없음)' : `${json(t.requestValue)}${origin}`;
    },
    allowCondition: (t, req, request) => ({
      text: `${t.operator} ${t.key} ${req}; 요청 값: ${request}`,
      verdict: verdictKo(t, '', ' — 충족되지 않음'),
    }),
    denyCondition: (t, _req, request) => ({
      text: `${t.key} ${conditionForms(t).when} 거부합니다(${t.operator}); 요청 값: ${request}`,
      verdict: verdictKo(t, ' — Deny가 적용됨', ' — 충족되지 않으므로 Deny가 적용되지 않음'),
    }),
  },
};

const TYPE_EVIDENCE_KO = {
  config: '.policy-why.json 설정',
  filename: '파일 이름으로 판단',
  inferred: '내용으로 추정, .policy-why.json에서 지정하십시오',
} as const;
const SUPPRESSION_KO = { inline: '파일 안', config: '설정', baseline: '기준선' } as const;
