import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';

const here = dirname(fileURLToPath(import.meta.url));

/** The official OASIS SARIF 2.1.0 schema, as committed (test/fixtures/sarif/README.md says where it comes from). */
export const SARIF_SCHEMA_TEXT = readFileSync(join(here, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8');

/**
 * A validator of SARIF 2.1.0 logs. The schema is draft-04: it is compiled with Ajv's default dialect after
 * renaming `id` to `$id` and dropping `$schema` (it uses no keyword whose meaning changed since), with small
 * validators for its three formats.
 */
function sarifValidator() {
  const schema = JSON.parse(SARIF_SCHEMA_TEXT) as Record<string, unknown>;
  const { $schema: _dialect, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/[\s\\]/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile({ $id: String(id), ...rest });
}

export const validateSarif = sarifValidator();
