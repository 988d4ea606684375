import type { AssumptionNote, ContextEntry, Request } from '../model/request.js';
import type { HttpHeader } from '../model/s3.js';
import { InputError } from '../model/errors.js';
import { actionTakesKey } from '../iam/actions.js';

/**
 * The condition keys S3 reads from request headers. The Service Authorization Reference, "Actions,
 * resources, and condition keys for Amazon S3", defines each by its header: "s3:x-amz-acl — Filters access
 * by canned ACL in the request's x-amz-acl header", "s3:x-amz-grant-read — Filters access by
 * x-amz-grant-read (read access) header", "s3:if-none-match — Filters access by the request's
 * 'If-None-Match' conditional header", "s3:object-lock-mode — Filters access by object retention mode
 * (COMPLIANCE or GOVERNANCE)" (the x-amz-object-lock-mode header) … Each key holds the header's value as
 * sent, so the request's `http.headers` are read as if the keys were in `context`: nothing is guessed.
 * x-amz-request-payer and x-amz-server-side-encryption-bucket-key-enabled have no condition key: S3
 * reads them for Requester Pays and for the S3 Bucket Key's kms:Decrypt, not as keys.
 */
const HEADER_KEYS = new Map<string, string>(
  [
    'x-amz-acl',
    'x-amz-grant-read',
    'x-amz-grant-write',
    'x-amz-grant-read-acp',
    'x-amz-grant-write-acp',
    'x-amz-grant-full-control',
    'x-amz-server-side-encryption',
    'x-amz-server-side-encryption-aws-kms-key-id',
    'x-amz-server-side-encryption-customer-algorithm',
    'x-amz-storage-class',
    'x-amz-metadata-directive',
    'x-amz-website-redirect-location',
    'x-amz-content-sha256',
    'x-amz-object-ownership',
    'x-amz-copy-source',
  ]
    .map((h) => [h, `s3:${h}`] as [string, string])
    .concat([
      ['x-amz-object-lock-mode', 's3:object-lock-mode'],
      ['x-amz-object-lock-retain-until-date', 's3:object-lock-retain-until-date'],
      ['x-amz-object-lock-legal-hold', 's3:object-lock-legal-hold'],
      ['if-match', 's3:if-match'],
      ['if-none-match', 's3:if-none-match'],
    ]),
);

/** One key derived from a header: its AWS spelling, values, and whether the derivation guessed a part. */
interface Derived {
  key: string;
  values: string[];
  multi: boolean;
  header: HttpHeader;
  assumption?: ContextEntry['assumption'];
}

/**
 * "s3:RequestObjectTagKeys — Filters access by the tag keys to be added to objects" and
 * "s3:RequestObjectTag/<key> — Filters access by the tag keys and values to be added to objects"
 * (Service Authorization Reference, Amazon S3): the tag-set of `x-amz-tagging`, "encoded as URL Query
 * parameters" (PutObject, x-amz-tagging).
 */
function tagKeys(header: HttpHeader): Derived[] {
  const tags = [...new URLSearchParams(header.value)];
  const out: Derived[] = [{ key: 's3:RequestObjectTagKeys', values: tags.map(([k]) => k), multi: true, header }];
  for (const [k, v] of tags) out.push({ key: `s3:RequestObjectTag/${k}`, values: [v], multi: false, header });
  return out;
}

/**
 * s3:x-amz-copy-source as its documented examples write it, `bucket/key` ("s3:x-amz-copy-source":
 * "amzn-s3-demo-source-bucket/public/*", Amazon S3 User Guide, bucket policy examples); the header may
 * start with a slash and "must be URL-encoded" (CopyObject). Dropping the slash and decoding is a reading
 * the documentation does not state, so it is an assumption when it changes the value.
 */
function copySource(header: HttpHeader): Derived {
  let value = header.value.replace(/^\//, '');
  try {
    value = decodeURIComponent(value);
  } catch {
    // Not valid percent-encoding: the value as sent.
  }
  const d: Derived = { key: 's3:x-amz-copy-source', values: [value], multi: false, header };
  if (value !== header.value) d.assumption = { code: 'copySourceFromHeader', header: header.name };
  return d;
}

function derivedFrom(header: HttpHeader): Derived[] {
  const lower = header.name.toLowerCase();
  if (lower === 'x-amz-tagging') return tagKeys(header);
  if (lower === 'x-amz-copy-source') return [copySource(header)];
  const key = HEADER_KEYS.get(lower);
  return key ? [{ key, values: [header.value], multi: false, header }] : [];
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/**
 * Reads the request's headers into the condition keys S3 derives from them, for the keys the service
 * reference lists for the action (others are left out, and the output says so). A key also given in
 * `context` with another value is a contradiction: an InputError at the header naming the context entry.
 */
export async function keysFromHeaders(request: Request, notes: AssumptionNote[]): Promise<void> {
  for (const header of request.http?.headers?.values() ?? []) {
    for (const d of derivedFrom(header)) {
      const lower = d.key.toLowerCase();
      const given = request.context.get(lower);
      if (given) {
        if (!sameValues(given.values, d.values)) {
          throw new InputError(
            `header \`${header.name}: ${header.value}\` gives ${d.key} ${JSON.stringify(d.multi ? d.values : d.values[0])}, but $.context["${given.key}"] gives ${JSON.stringify(given.display)}; give it in one place`,
            { source: header.source, line: header.line, column: header.column },
          );
        }
        continue;
      }
      const prefix = lower.startsWith('s3:requestobjecttag/') ? 's3:requestobjecttag/' : lower;
      if ((await actionTakesKey(request.action, prefix)) === false) {
        notes.push({ key: header.name, value: header.value, why: { code: 'headerNotForAction', header: header.name, key: d.key, action: request.action } });
        continue;
      }
      const display = d.multi ? d.values : d.values[0]!;
      const entry: ContextEntry = { key: d.key, values: d.values, multi: d.multi, origin: 'request', display, header: header.name.toLowerCase() };
      if (d.assumption) entry.assumption = d.assumption;
      request.context.set(lower, entry);
    }
  }
}
