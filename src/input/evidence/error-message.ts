import type { AwsVerdict, EvidenceFact, FactHow } from '../../model/evidence.js';
import type { PolicyType } from '../../model/policy.js';
import { actionsForOperation, servicePrefixOf } from '../../iam/operations.js';
import { errorAt, fold, placeOf, type Folded } from './text.js';
import type { EvidenceFound, EvidenceItem, EvidenceReader } from './types.js';

/**
 * AccessDenied messages as AWS and its SDKs print them (IAM User Guide, "Troubleshoot access denied error
 * messages"; S3 User Guide, "Troubleshoot access denied (403 Forbidden) errors"):
 *
 *   User: <principal> is not authorized to perform: <action>[ on resource: <resource>] <context>
 *   <context> := because no <type> allows the <action> action
 *              | with an explicit deny in a(n) <type>[: <policy ARN>]
 *
 * inside any wrapper people paste: the AWS CLI's `An error occurred (AccessDenied) when calling the PutObject
 * operation: …` (boto3's last traceback line is the same), the SDK for Go v2's `operation error S3: PutObject, …
 * api error AccessDenied: …`, Java's `… (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; …)`,
 * JavaScript v3's `AccessDenied: …`, S3's XML body, and lines broken anywhere a terminal or a page breaks them.
 */

/** The policy types the messages name, as AWS writes them (the IAM guide also prints "sessions policy"). */
const POLICY_TYPES: readonly [string, PolicyType][] = [
  ['identity-based policy', 'identity'],
  ['resource-based policy', 'resource'],
  ['permissions boundary', 'boundary'],
  ['session policy', 'session'],
  ['sessions policy', 'session'],
  ['service control policy', 'scp'],
  ['resource control policy', 'rcp'],
  ['VPC endpoint policy', 'vpcEndpoint'],
  ['role trust policy', 'resource'],
];
const TYPE = POLICY_TYPES.map(([t]) => t).join('|');

const CORE = new RegExp(
  'User: (\\S+) is not authorized to perform: ([A-Za-z0-9-]+:[A-Za-z0-9*]+)' +
    '(?: on resource: (?:"([^"]+)"|(\\S+?))(?=[.,;)]?(?:\\s|$)))?' +
    `(?: (?:because no (${TYPE}) allows the \\S+ action|with an explicit deny in an? (${TYPE})(?: transitively through an? (?:${TYPE}))?(?:(?::|, with policy ARN:) (arn:[^\\s"<)]+?))?(?=[ .,;)"<]|$)))?`,
);

/** The wrappers' error code and operation. */
const CLI = /An error occurred \(([A-Za-z0-9.]+)\) when calling the ([A-Za-z0-9]+) operation/;
const GO = /operation error ([A-Za-z0-9 ]+?): ([A-Za-z0-9]+),.*?api error ([A-Za-z0-9.]+):/;
const JAVA = /\(Service: ([^;)]+); Status Code: \d+; Error Code: ([A-Za-z0-9.]+);/;
const XML_CODE = /<Code>([A-Za-z0-9.]+)<\/Code>/;
const BARE_CODE = /\b(AccessDenied(?:Exception)?)\b/;
/** `aws s3 cp|mv|rm|sync` prefixes the message with what it was doing. */
const S3_TRANSFER = /\b(upload|download|copy|delete|move) failed: (\S+)(?: to (\S+))?/;

/** Other clouds' look-alikes (Google Cloud Storage's XML API also answers `<Code>AccessDenied</Code>`). */
const FOREIGN: readonly [RegExp, string][] = [
  [/<Details>|storage\.googleapis\.com|does not have storage\.\w+\.\w+ access/, 'Google Cloud Storage'],
  [/AuthorizationPermissionMismatch|AuthorizationFailure|This request is not authorized to perform this operation/, 'Azure Storage'],
];

export const errorMessageReader: EvidenceReader = {
  kind: 'errorMessage',
  recognises: (text) => /AccessDenied|is not authorized to perform|Access Denied|An error occurred \(\d{3}\)/.test(text),
  read: async (item) => readErrorMessage(item),
};

async function readErrorMessage(item: EvidenceItem): Promise<EvidenceFound> {
  const folded = fold(item.text);
  const t = folded.text;
  const place = (at: number) => placeOf(item.label, item.text, folded, at);
  for (const [re, cloud] of FOREIGN) {
    if (re.test(t))
      throw errorAt(
        item,
        folded,
        0,
        `this is ${cloud}'s error, not AWS's: policy-why explains AWS's decisions (an AWS error names \`User: … is not authorized to perform: …\` or an AWS error code)`,
      );
  }
  const facts: EvidenceFact[] = [];
  const fact = (pointer: string, value: unknown, at: number, how: FactHow = { code: 'stated' }) => facts.push({ pointer, value, from: place(at), how });
  const wrapper = wrapperOf(t);
  const core = CORE.exec(t);
  if (core) {
    const at = core.index;
    fact('/principal', core[1]!, at + 'User: '.length);
    fact('/action', core[2]!, t.indexOf(core[2]!, at));
    const resource = core[3] ?? core[4];
    if (resource) fact('/resource', resource, t.indexOf(resource, at));
  } else if (wrapper.operation) {
    const action = await operationAction(item, folded, wrapper, t);
    fact('/action', action.action, wrapper.operationAt, { code: 'operation', operation: wrapper.operation });
  }
  transferResource(t, core, fact);
  const verdict = verdictOf(core, wrapper, place);
  if (!core && !wrapper.operation && !verdict) {
    throw errorAt(
      item,
      folded,
      0,
      'no AccessDenied message found: expected `User: ARN is not authorized to perform: ACTION …` or an AWS error code such as (AccessDenied)',
    );
  }
  return { facts, policies: [], ...(verdict ? { verdict } : {}) };
}

interface Wrapper {
  code?: string;
  codeAt: number;
  service?: string;
  operation?: string;
  operationAt: number;
}

function wrapperOf(t: string): Wrapper {
  const cli = CLI.exec(t);
  if (cli) return { code: cli[1]!, codeAt: cli.index, operation: cli[2]!, operationAt: t.indexOf(cli[2]!, cli.index + cli[0].indexOf('calling')) };
  const go = GO.exec(t);
  if (go) return { code: go[3]!, codeAt: t.indexOf(go[3]!, go.index), service: go[1]!, operation: go[2]!, operationAt: t.indexOf(go[2]!, go.index) };
  const java = JAVA.exec(t);
  if (java) return { code: java[2]!, codeAt: t.indexOf(java[2]!, java.index), service: java[1]!, operationAt: 0 };
  const xml = XML_CODE.exec(t);
  if (xml) return { code: xml[1]!, codeAt: xml.index + '<Code>'.length, service: 'S3', operationAt: 0 };
  const bare = BARE_CODE.exec(t);
  if (bare) return { code: bare[1]!, codeAt: bare.index, operationAt: 0 };
  return { codeAt: 0, operationAt: 0 };
}

/**
 * The action of a message that does not name one (S3's bare "Access Denied"): the operation's action. The
 * AWS CLI does not name the service; `AccessDenied` with S3's bare message, or an operation only S3 has, is S3.
 */
async function operationAction(item: EvidenceItem, folded: Folded, w: Wrapper, t: string): Promise<{ action: string }> {
  const op = w.operation!;
  const named = w.service !== undefined ? servicePrefixOf(w.service) : undefined;
  const service = named ?? (w.code === 'AccessDenied' || /Access Denied|Forbidden/.test(t) ? 's3' : undefined);
  const found = service !== undefined ? await actionsForOperation(service, op) : undefined;
  if (!found) {
    throw errorAt(
      item,
      folded,
      w.operationAt,
      `the ${op} operation is not one policy-why can map to an IAM action${service ? ` of ${service}` : ' (the message does not name its service)'}: give --action SERVICE:ACTION`,
    );
  }
  return { action: found.actions[0]! };
}

/** `upload failed: ./f to s3://b/k`: the object the AWS CLI was writing (or reading) is the resource. */
function transferResource(t: string, core: RegExpExecArray | null, fact: (pointer: string, value: unknown, at: number, how?: FactHow) => void): void {
  if (core?.[3] ?? core?.[4]) return;
  const m = S3_TRANSFER.exec(t);
  if (!m) return;
  const target = m[1] === 'upload' || (m[1] === 'copy' && m[3]?.startsWith('s3://')) ? m[3] : m[2];
  if (!target?.startsWith('s3://')) return;
  const bucketAndKey = target.slice('s3://'.length);
  if (!bucketAndKey) return;
  fact('/resource', `arn:aws:s3:::${bucketAndKey}`, t.indexOf(target, m.index), { code: 's3Location' });
}

function verdictOf(core: RegExpExecArray | null, w: Wrapper, place: (at: number) => string): AwsVerdict | undefined {
  const code = w.code ?? (core ? 'AccessDenied' : undefined);
  if (code === undefined) return undefined;
  const from = place(w.code !== undefined ? w.codeAt : (core?.index ?? 0));
  return { errorCode: code, ...reasonOf(core), from };
}

/** AWS's reason in the sentence: explicit or implicit, the policy type it names, the denying policy's ARN. */
function reasonOf(core: RegExpExecArray | null): Pick<AwsVerdict, 'kind' | 'policyType' | 'policyArn'> {
  const typeOf = (phrase: string | undefined) => POLICY_TYPES.find(([p]) => p === phrase)?.[1];
  if (core?.[5]) return { kind: 'implicit', policyType: typeOf(core[5])! };
  if (core?.[6]) return { kind: 'explicit', policyType: typeOf(core[6])!, ...(core[7] ? { policyArn: core[7] } : {}) };
  return { kind: 'unknown' };
}

/** What an AccessDenied message says, read with the grammar above (its whitespace folded). */
export interface Denial extends Pick<AwsVerdict, 'kind' | 'policyType' | 'policyArn'> {
  /** The caller the sentence names, when it has the `User: … is not authorized` sentence. */
  principal?: string;
}

/**
 * Reads an error message other evidence carries as a value (a CloudTrail record's `errorMessage`): the caller
 * and AWS's reason; S3's bare "Access Denied" gives neither.
 */
export function readDenial(text: string): Denial {
  const core = CORE.exec(fold(text).text);
  return { ...reasonOf(core), ...(core ? { principal: core[1]! } : {}) };
}
