/**
 * The input stage's front door: every way a request or a policy arrives, each read into a typed draft
 * with source positions (`model/RequestDraft`). AWS's own facts are added later, by `request/`.
 */
export { readRequestFile, readRequestObject } from './request-document.js';
export { packageTool, packageVersion, writeOutputFile } from './files.js';
export { QUICK_FLAGS, readRequestFlags } from './flags.js';
export {
  CONFIG_FILE,
  discoverFiles,
  readBaseline,
  readCheckConfig,
  scanFile,
  scanText,
  writeBaseline,
  type CheckConfig,
  type FileScan,
  type FoundPolicy,
} from './check/index.js';
export { readEvidenceRequest, readStandardInput } from './evidence-request.js';
