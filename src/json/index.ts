/** The JSON reader: text → a tree whose every value knows its line and column, with coded diagnostics. */
export { MAX_JSON_DEPTH, decodeText, decodeTextDiagnostics, positionAt, readJson, readJsonDiagnostics } from './read.js';
export {
  fromPlain,
  member,
  nodeAtPointer,
  pathToPointer,
  pointerToPath,
  scalarText,
  toPlain,
  type JsonArray,
  type JsonBoolean,
  type JsonDocument,
  type JsonMember,
  type JsonNode,
  type JsonNull,
  type JsonNumber,
  type JsonObject,
  type JsonString,
} from './tree.js';
