// GET /api/openapi.json: OpenAPI 3.1 made from the operations' zod schemas; every operation is in it, every
// schema compiles, and real answers fit the schemas it declares.
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/ops/index.js';
import { routeOf } from '../../src/ops/operation.js';
import { SMALL } from '../helpers/fixtures.js';
import { inProcessApi } from '../helpers/http.js';
import { openApiValidator } from '../helpers/openapi.js';

describe('the OpenAPI document', () => {
  it('lists every operation at its route, with its parameters, body and responses', async () => {
    const api = inProcessApi(SMALL);
    const { status, body: doc } = await api.json('/api/openapi.json');
    expect(status).toBe(200);
    expect(doc.openapi).toBe('3.1.0');
    const v = openApiValidator(doc);
    for (const op of OPERATIONS) {
      const { method, path, params } = routeOf(op);
      const found = v.operations.get(op.id);
      expect(found, op.id).toMatchObject({ method: method.toLowerCase(), path });
      const declared = (found!.op['parameters'] as { name: string; in: string }[]).filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared, op.id).toEqual(params);
      expect(Object.keys(found!.op['responses']), op.id).toEqual(expect.arrayContaining([op.effect === 'create' ? '201' : '200', '404', '409', '422', '503']));
      if (method === 'GET') expect(found!.op['requestBody'], op.id).toBeUndefined();
    }
    // Every response schema compiles (references resolve): checking a value that fits nothing reports problems.
    for (const op of OPERATIONS) expect(v.check(op.id, Symbol.for('nothing')).length, op.id).toBeGreaterThan(0);
    const list = v.operations.get('todo.list')!.op;
    expect(list['parameters']).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'status', in: 'query', style: 'form', explode: false, schema: { type: 'array', items: { type: 'string', enum: ['pending', 'in_progress', 'blocked', 'completed', 'cancelled'] } } })]));
    const create = v.operations.get('todo.create')!.op;
    expect(create['requestBody'].content['application/json'].schema.required).toEqual(['task', 'repo']);
    expect(doc.paths['/api/events'].get.operationId).toBe('events.stream');
  });

  it('describes what the server answers: real answers fit their response schemas, and a wrong one does not', async () => {
    const api = inProcessApi(SMALL);
    const v = openApiValidator((await api.json('/api/openapi.json')).body);
    const calls: [string, string][] = [
      ['todo.list', '/api/todos'],
      ['todo.show', '/api/todos/TODO-2'],
      ['todo.ready', '/api/ready'],
      ['issue.show', '/api/issues/ISSUE-1'],
      ['plan.show', '/api/plans/PLAN-1'],
      ['status', '/api/status'],
      ['repo.show', '/api/repos/api'],
      ['dependency.graph', '/api/dependencies/graph?format=json'],
      ['lint', '/api/lint'],
    ];
    for (const [id, url] of calls) {
      const r = await api.json(url);
      expect(r.status, url).toBe(200);
      expect(v.check(id, r.body), url).toEqual([]);
    }
    const shown = (await api.json('/api/todos/TODO-2')).body;
    expect(v.check('todo.show', { ...shown, surprise: true })).toEqual([expect.stringContaining('must NOT have additional properties')]);
  });
});
