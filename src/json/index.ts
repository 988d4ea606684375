/** The JSON reader: text → a tree whose every value knows its line and column, with coded diagnostics. */
export { decodeText, decodeTextDiagnostics, readJson, readJsonDiagnostics } from './read.js';
export {
  fromPlain,
  member,
  nodeAtPointer,
  pathToPointer,
  pointerToPath,
  scalarText,
  toPlain,
  type JsonDocument,
  type JsonMember,
  type JsonNode,
  type JsonObject,
} from './tree.js';
