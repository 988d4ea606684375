import { inputErrorFrom } from '../../model/diagnostic.js';
import { member, readJson, type JsonNode, type JsonObject } from '../../json/index.js';
import { embeddedJsonReader } from '../check/embedded.js';
import { DENIAL_CODES, located, recordFacts } from './cloudtrail-record.js';
import type { EvidenceItem, EvidenceReader } from './types.js';

/**
 * CloudTrail records in the four containers people have them in (CloudTrail User Guide, "CloudTrail record
 * contents"; S3 User Guide, "CloudTrail log file entries for Amazon S3"): one record (the console's event
 * view), a trail log file `{"Records":[…]}`, `aws cloudtrail lookup-events` output, whose record is a JSON
 * string (`"CloudTrailEvent": "{\"eventVersion\":…}"`, read with its positions mapped back into the file), and
 * an EventBridge event (`"detail-type": "AWS API Call via CloudTrail"`, the record in `detail`).
 */
export const cloudTrailReader: EvidenceReader = {
  kind: 'cloudTrail',
  recognises: (text) => /^\s*[{[]/.test(text) && /"eventSource"\s*:|\\"eventSource\\"\s*:|"CloudTrailEvent"\s*:|"AWS API Call via CloudTrail"/.test(text),
  read: async (item, options) => recordFacts(item.label, pickRecord(item, options.eventId), options),
};

const CONTAINERS =
  'one CloudTrail record, a trail log file {"Records":[…]}, `aws cloudtrail lookup-events` output {"Events":[…]} or an EventBridge event ("detail-type": "AWS API Call via CloudTrail")';

/** The one record the evidence is about: `--event-id`'s, else the one AWS denied. */
function pickRecord(item: EvidenceItem, eventId: string | undefined): JsonObject {
  const root = readJson(item.text, item.label).root;
  if (root.kind !== 'object') throw located(item.label, root, `not a CloudTrail record: expected ${CONTAINERS}`);
  const records = member(root, 'Records');
  if (records) return choose(item.label, root, recordsOf(item.label, records.value, 'Records'), eventId);
  const events = member(root, 'Events');
  if (events) return choose(item.label, root, lookupRecords(item, events.value), eventId);
  const detailType = member(root, 'detail-type');
  if (detailType) return chooseOne(item.label, eventBridgeRecord(item.label, root, detailType.value), eventId);
  if (member(root, 'eventSource') || member(root, 'eventName')) return chooseOne(item.label, root, eventId);
  throw located(item.label, root, `not a CloudTrail record: expected ${CONTAINERS}`);
}

function recordsOf(label: string, node: JsonNode, name: string): JsonObject[] {
  if (node.kind !== 'array') throw located(label, node, `\`${name}\` is a list of CloudTrail records`);
  return node.elements.map((e) => {
    if (e.kind !== 'object') throw located(label, e, `each of \`${name}\` is a CloudTrail record (a JSON object)`);
    return e;
  });
}

/** `lookup-events` output: each event's `CloudTrailEvent` is the record, written as a JSON string. */
function lookupRecords(item: EvidenceItem, node: JsonNode): JsonObject[] {
  const embedded = embeddedJsonReader(item.label, item.text.replace(/^\uFEFF/, ''));
  return recordsOf(item.label, node, 'Events').map((event) => {
    const text = member(event, 'CloudTrailEvent')?.value;
    if (text?.kind !== 'string')
      throw located(item.label, event, 'a lookup-events event without its `CloudTrailEvent` string: run lookup-events again without --query');
    const { doc, diagnostics } = embedded(text);
    if (diagnostics[0]) throw inputErrorFrom(diagnostics[0]);
    if (doc?.root.kind !== 'object') throw located(item.label, text, '`CloudTrailEvent` is not a CloudTrail record (a JSON object)');
    return doc.root;
  });
}

/** EventBridge's copy of a record: `detail`, when the event is an API call CloudTrail recorded. */
function eventBridgeRecord(label: string, root: JsonObject, detailType: JsonNode): JsonObject {
  if (detailType.kind !== 'string' || detailType.value !== 'AWS API Call via CloudTrail') {
    const said = detailType.kind === 'string' ? `"${detailType.value}"` : 'not a string';
    throw located(
      label,
      detailType,
      `an EventBridge event whose detail-type is ${said}: expected "AWS API Call via CloudTrail", whose \`detail\` is the CloudTrail record`,
    );
  }
  const detail = member(root, 'detail')?.value;
  if (detail?.kind !== 'object') throw located(label, detail ?? root, 'an EventBridge event without its `detail` object, the CloudTrail record');
  return detail;
}

const text = (o: JsonObject, key: string) => {
  const v = member(o, key)?.value;
  return v?.kind === 'string' ? v.value : undefined;
};

/** A record alone: `--event-id`, when given, must be its eventID. */
function chooseOne(label: string, record: JsonObject, eventId: string | undefined): JsonObject {
  const id = text(record, 'eventID');
  if (eventId !== undefined && id !== eventId) throw located(label, record, `--event-id ${eventId} is not this record's eventID (${id ?? 'none'})`);
  return record;
}

/**
 * The record of a log file: `--event-id`'s; else the one AWS denied (errorCode AccessDenied or
 * AccessDeniedException); else the only record. Never a guess between several.
 */
function choose(label: string, root: JsonObject, records: JsonObject[], eventId: string | undefined): JsonObject {
  const ids = (rs: JsonObject[]) => rs.map((r) => text(r, 'eventID') ?? '?').join(', ');
  if (eventId !== undefined) {
    const found = records.find((r) => text(r, 'eventID') === eventId);
    if (!found) throw located(label, root, `no record has eventID ${eventId} (the ${records.length} records: ${ids(records)})`);
    return found;
  }
  const denied = records.filter((r) => DENIAL_CODES.has(text(r, 'errorCode') ?? ''));
  if (denied.length === 1) return denied[0]!;
  if (denied.length > 1) throw located(label, root, `${denied.length} records were denied (eventIDs ${ids(denied)}): choose one with --event-id ID`);
  if (records.length === 1) return records[0]!;
  throw located(
    label,
    root,
    `no record of the ${records.length} was denied (errorCode AccessDenied): choose one with --event-id ID (eventIDs ${ids(records)})`,
  );
}
