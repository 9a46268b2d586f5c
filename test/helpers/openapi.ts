// Validating answers against the OpenAPI document the server publishes (ajv, JSON Schema 2020-12).
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Answer } from './http.js';

const BASE = 'https://concord.test/openapi.json';

export interface OpenApiValidator {
  /** Problems of `value` against the response schema of `operationId` (empty when it fits). */
  check: (operationId: string, value: unknown) => string[];
  operations: Map<string, { method: string; path: string; op: Record<string, Answer> }>;
}

export function openApiValidator(doc: Record<string, Answer>): OpenApiValidator {
  // strict: false, as OpenAPI adds keywords (discriminator, xml, example) JSON Schema does not know.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ ...doc, $id: BASE });
  const operations = new Map<string, { method: string; path: string; op: Record<string, Answer> }>();
  for (const [path, methods] of Object.entries(doc['paths'] as Record<string, Record<string, Answer>>)) {
    for (const [method, op] of Object.entries(methods)) operations.set(op['operationId'], { method, path, op });
  }
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  return {
    operations,
    check(operationId, value) {
      const found = operations.get(operationId);
      if (!found) return [`no operation ${operationId} in the document`];
      let validate = compiled.get(operationId);
      if (!validate) {
        const [status] = Object.keys(found.op['responses']).filter((s) => s.startsWith('2'));
        const pointer = `#/paths/${found.path.replaceAll('~', '~0').replaceAll('/', '~1')}/${found.method}/responses/${status}/content/application~1json/schema`;
        validate = ajv.compile({ $ref: `${BASE}${pointer}` });
        compiled.set(operationId, validate);
      }
      return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
    },
  };
}
