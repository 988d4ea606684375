import type { Rule, RuleReport } from '../model/rule.js';
import type { Condition, ConditionValue, Statement } from '../model/policy.js';
import { hasPlaceholder } from '../iam/placeholder.js';
import { statementName } from './witness.js';

/** What a request must do about a header to get past a statement's condition, or what is wrong with a key-id value. */
type Kind = 'send' | 'avoid' | 'present' | 'absent' | 'key-deny-all' | 'key-allow-none' | 'key-deny-none' | 'key-allow-all';
type Data = { kind: Kind; effect: string; sid: string; header: string; values: string; cli: string; sdk: string; form: string };

/** How a request sets each header: the AWS CLI options (`{v}` is the value) and the SDK's PutObject parameter. */
const HEADERS: ReadonlyMap<string, { cli: readonly string[]; sdk: string }> = new Map([
  ['s3:x-amz-server-side-encryption', { cli: ['aws s3 cp --sse {v}', 'aws s3api put-object --server-side-encryption {v}'], sdk: 'ServerSideEncryption' }],
  [
    's3:x-amz-server-side-encryption-aws-kms-key-id',
    { cli: ['aws s3 cp --sse-kms-key-id {v}', 'aws s3api put-object --ssekms-key-id {v}'], sdk: 'SSEKMSKeyId' },
  ],
  ['s3:x-amz-storage-class', { cli: ['aws s3 cp --storage-class {v}'], sdk: 'StorageClass' }],
  ['s3:x-amz-acl', { cli: ['aws s3 cp --acl {v}'], sdk: 'ACL' }],
  ['s3:x-amz-grant-full-control', { cli: ['aws s3api put-object --grant-full-control {v}'], sdk: 'GrantFullControl' }],
  ['s3:x-amz-grant-read', { cli: ['aws s3api put-object --grant-read {v}'], sdk: 'GrantRead' }],
  ['s3:x-amz-grant-read-acp', { cli: ['aws s3api put-object --grant-read-acp {v}'], sdk: 'GrantReadACP' }],
  ['s3:x-amz-grant-write-acp', { cli: ['aws s3api put-object --grant-write-acp {v}'], sdk: 'GrantWriteACP' }],
  ['s3:x-amz-grant-write', { cli: ['aws s3api put-bucket-acl --grant-write {v}'], sdk: 'GrantWrite' }],
]);

const KMS_KEY_ID = 's3:x-amz-server-side-encryption-aws-kms-key-id';

/** A KMS key named other than by its key ARN: an alias, an alias ARN, or a bare key ID (`1234abcd-…`, `mrk-…`). */
function keyForm(text: string): 'alias' | 'id' | undefined {
  if (/^alias\//.test(text) || /^arn:[^:]+:kms:[^:]*:[^:]*:alias\//.test(text)) return 'alias';
  if (/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i.test(text)) return 'id';
  return undefined;
}

/**
 * What a request must do to get past the condition (to meet an Allow's, to avoid a Deny's), or undefined when
 * the condition is not a plain one this rule explains (a set qualifier, a positive IfExists, Null with two values).
 */
function need(s: Statement, c: Condition): 'send' | 'avoid' | 'present' | 'absent' | undefined {
  if (c.operator.set) return undefined;
  const allow = s.effect === 'Allow';
  if (c.operator.base.family === 'Null') {
    if (c.values.length !== 1) return undefined;
    const absentMatches = c.values[0]!.text.toLowerCase() === 'true';
    // An Allow applies when the condition holds; a request avoids a Deny when it does not.
    return absentMatches === allow ? 'absent' : 'present';
  }
  if (c.operator.base.family !== 'String') return undefined;
  const negated = c.operator.base.negated;
  // StringEqualsIfExists lets a request without the header through an Allow, and into a Deny: not explained.
  if (!negated && c.operator.ifExists) return undefined;
  return negated === allow ? 'avoid' : 'send';
}

/** What a never-matching key-id value does, by the statement's effect and the operator's sense. */
const KEY_KIND: Readonly<Record<string, Kind>> = {
  'Allow-positive': 'key-allow-none',
  'Allow-negated': 'key-allow-all',
  'Deny-positive': 'key-deny-none',
  'Deny-negated': 'key-deny-all',
};

/** The key-id condition's values that name a key other than by its ARN: the Allow or Deny then never or always applies. */
function keyIdDefects(s: Statement, c: Condition): { value: ConditionValue; form: 'alias' | 'id'; kind: Kind }[] {
  if (c.key.toLowerCase() !== KMS_KEY_ID || c.operator.set || (c.operator.base.family !== 'String' && c.operator.base.family !== 'Arn')) return [];
  const allow = s.effect === 'Allow';
  const negated = c.operator.base.negated;
  // A positive IfExists also applies to a request that names no key: "never" and "every" would be wrong.
  if (!negated && c.operator.ifExists) return [];
  const kind = KEY_KIND[`${allow ? 'Allow' : 'Deny'}-${negated ? 'negated' : 'positive'}`]!;
  return c.values.flatMap((value) => {
    const form = hasPlaceholder(value.text) ? undefined : keyForm(value.text);
    return form ? [{ value, form, kind }] : [];
  });
}

function flag(cli: readonly string[], v: string): string {
  return cli.map((c) => `\`${c.replace('{v}', v)}\``).join(', ');
}

const HOW_EN: Record<string, string> = {
  'Allow-send': 'applies only to requests that send {h} with {v}: pass {cli}',
  'Deny-send': 'denies requests that do not send {h} with {v}: pass {cli}',
  'Allow-avoid': 'applies only to requests that do not send {h} with {v}: do not pass {cli}',
  'Deny-avoid': 'denies requests that send {h} with {v}: do not pass {cli}',
  'Allow-present': 'applies only to requests that send the {h} header: pass {cli}',
  'Deny-present': 'denies requests without the {h} header: pass {cli}',
  'Allow-absent': 'applies only to requests without the {h} header: do not pass {cli}',
  'Deny-absent': 'denies requests that send the {h} header: do not pass {cli}',
};

const HOW_KO: Record<string, string> = {
  'Allow-send': '{h} 헤더를 {v} 값으로 보내는 요청에만 적용됩니다: {cli}을(를) 지정하십시오',
  'Deny-send': '{h} 헤더를 {v} 값으로 보내지 않는 요청을 거부합니다: {cli}을(를) 지정하십시오',
  'Allow-avoid': '{h} 헤더를 {v} 값으로 보내지 않는 요청에만 적용됩니다: {cli}을(를) 지정하지 마십시오',
  'Deny-avoid': '{h} 헤더를 {v} 값으로 보내는 요청을 거부합니다: {cli}을(를) 지정하지 마십시오',
  'Allow-present': '{h} 헤더를 보내는 요청에만 적용됩니다: {cli}을(를) 지정하십시오',
  'Deny-present': '{h} 헤더가 없는 요청을 거부합니다: {cli}을(를) 지정하십시오',
  'Allow-absent': '{h} 헤더가 없는 요청에만 적용됩니다: {cli}을(를) 지정하지 마십시오',
  'Deny-absent': '{h} 헤더를 보내는 요청을 거부합니다: {cli}을(를) 지정하지 마십시오',
};

const KEY_EN: Record<string, string> = {
  'key-deny-all': 'so statement {sid} denies every upload (403 AccessDenied)',
  'key-allow-none': 'so statement {sid} never allows anything (403 AccessDenied)',
  'key-deny-none': 'so statement {sid} never denies anything',
  'key-allow-all': 'so the condition of statement {sid} narrows nothing',
};

const KEY_KO: Record<string, string> = {
  'key-deny-all': '정책 문 {sid}은(는) 모든 업로드를 거부합니다(403 AccessDenied)',
  'key-allow-none': '정책 문 {sid}은(는) 아무것도 허용하지 않습니다(403 AccessDenied)',
  'key-deny-none': '정책 문 {sid}은(는) 아무것도 거부하지 않습니다',
  'key-allow-all': '정책 문 {sid}의 조건은 아무것도 제한하지 않습니다',
};

function fill(template: string, d: Data): string {
  return template.replace('{h}', d.header).replace('{v}', d.values).replace('{cli}', d.cli).replace('{sid}', d.sid);
}

function en(d: Data): string {
  if (d.kind.startsWith('key-'))
    return `\`${d.values}\` is ${d.form === 'alias' ? 'an alias' : 'a key ID'}, not a key ARN: S3 compares ${KMS_KEY_ID} with the full key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID), so this value never matches, ${fill(KEY_EN[d.kind]!, d)}; write the key's ARN`;
  return `statement ${d.sid} (${d.effect}) ${fill(HOW_EN[`${d.effect}-${d.kind}`]!, d)} (SDK parameter ${d.sdk})`;
}

function ko(d: Data): string {
  if (d.kind.startsWith('key-'))
    return `\`${d.values}\`은(는) 키 ARN이 아니라 ${d.form === 'alias' ? '별칭' : '키 ID'}입니다: S3는 ${KMS_KEY_ID}를 전체 키 ARN(arn:aws:kms:REGION:ACCOUNT:key/KEY-ID)과 비교하므로 이 값은 절대 일치하지 않고, ${fill(KEY_KO[d.kind]!, d)}. 키의 ARN을 쓰십시오`;
  return `정책 문 ${d.sid}(${d.effect})은(는) ${fill(HOW_KO[`${d.effect}-${d.kind}`]!, d)}(SDK 파라미터 ${d.sdk})`;
}

/**
 * Conditions on the S3 request headers a caller sets (`s3:x-amz-server-side-encryption`, `…-aws-kms-key-id`,
 * `s3:x-amz-storage-class`, `s3:x-amz-acl`, `s3:x-amz-grant-*`): each is explained with the CLI option and SDK
 * parameter that meets an Allow's condition or avoids a Deny's (info). A key-id value that is an alias or a
 * bare key ID never matches, since S3 compares the key's ARN: that is a defect, reported at warning.
 */
export const s3RequestHeaderCondition: Rule<Data> = {
  meta: {
    id: 's3-request-header-condition',
    severity: 'info',
    description:
      'a condition on an S3 request header (encryption, KMS key, storage class, ACL, grants): the CLI option and SDK parameter that meet or avoid it; a KMS key-id value that is not a key ARN (warning)',
    docs: 'docs/rules/s3-request-header-condition.md',
    group: 'R',
    perStatement: true,
    message: { en, ko },
  },
  check({ policy }, report) {
    for (const s of policy.statements) {
      for (const c of s.conditions) {
        const header = HEADERS.get(c.key.toLowerCase());
        if (!header) continue;
        const base = { effect: s.effect, sid: statementName(s), header: c.key.slice(3), sdk: header.sdk, cli: '', form: '' };
        const defects = keyIdDefects(s, c);
        for (const { value, form, kind } of defects) {
          const found: RuleReport<Data> = {
            span: value.span,
            statementIndex: s.index,
            element: `Condition/${c.key}=${value.text}`,
            severity: 'warning',
            data: { ...base, kind, values: value.text, form },
          };
          report(found);
        }
        const kind = defects.length ? undefined : need(s, c);
        if (!kind) continue;
        const values = kind === 'send' || kind === 'avoid' ? c.values.map((v) => v.text).join(', ') : '';
        const example = kind === 'send' || kind === 'avoid' ? (c.values[0]?.text ?? '…') : '…';
        report({
          span: c.keySpan,
          statementIndex: s.index,
          element: `Condition/${c.operator.text}/${c.key}`,
          data: { ...base, kind, values, cli: flag(header.cli, example) },
        });
      }
    }
  },
};
