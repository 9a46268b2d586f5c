// The OpenAPI 3.1 document of the HTTP API (GET /api/openapi.json), made from the operations' zod schemas:
// each operation's route, its input as parameters or a JSON body, its output, and the errors it may answer.
import { z } from 'zod';
import { LeaseViewSchema } from '../core/claims.js';
import { HistoryEventSchema } from '../core/history-schemas.js';
import { BlockerRefSchema, IssueRowSchema, ProgressSchema, TodoRowSchema } from '../core/query-schemas.js';
import { DependencySchema } from '../core/schema/dependency.js';
import { IssueSchema } from '../core/schema/issue.js';
import { MilestoneSchema, PlanSchema } from '../core/schema/plan.js';
import { RepoSchema } from '../core/schema/repo.js';
import { TodoSchema } from '../core/schema/todo.js';
import { realSchema } from '../core/on-first-use.js';
import { VERSION } from '../core/version.js';
import { type Operation, routeOf } from '../ops/operation.js';

type Json = Record<string, unknown>;

/** Schemas many outputs share, listed once under components. */
const SHARED: Record<string, z.ZodType> = {
  Todo: TodoSchema,
  TodoRow: TodoRowSchema,
  Issue: IssueSchema,
  IssueRow: IssueRowSchema,
  Plan: PlanSchema,
  Milestone: MilestoneSchema,
  Dependency: DependencySchema,
  Repo: RepoSchema,
  BlockerRef: BlockerRefSchema,
  Progress: ProgressSchema,
  Lease: LeaseViewSchema,
  HistoryEvent: HistoryEventSchema,
};

const WARNINGS = z.array(z.string()).optional().describe('What the caller should know that did not stop the write (an issue closed with open todos under it)');

const ERROR_SCHEMA = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string', description: 'SCREAMING_SNAKE: TODO_NOT_FOUND, INVALID_INPUT, ALREADY_CLAIMED, QUEUE_FULL…' },
        message: { type: 'string', description: 'What went wrong, naming the thing' },
        hint: { type: 'string', description: 'What to do about it' },
        data: { type: 'object', description: 'Details (the nearest id, the holder of a claim…)' },
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

const ERRORS: Record<string, string> = {
  '401': 'Missing or wrong bearer token',
  '404': 'Not found (the body names the nearest id)',
  '409': 'Conflicts with the current state (blocked, claimed, a transition the table forbids)',
  '422': 'The input does not fit (each problem named)',
  '503': 'Unavailable for now (a lock, a full queue): retry after Retry-After seconds',
};

const clean = ({ $schema: _s, $id: _i, ...rest }: Json): Json => rest;

function toJson(schema: z.ZodType, io: 'input' | 'output'): Json {
  return clean(z.toJSONSchema(realSchema(schema), { io, unrepresentable: 'any' }) as Json);
}

/** Every output, with the shared schemas as components and references to them. */
function outputSchemas(ops: readonly Operation[]): { components: Record<string, Json>; refOf: (op: Operation) => Json } {
  const registry = z.registry<{ id: string }>();
  const idOf = new Map<z.ZodType, string>();
  for (const [id, shared] of Object.entries(SHARED)) {
    const s = realSchema(shared);
    registry.add(s, { id });
    idOf.set(s, id);
  }
  const declared = new Map<Operation, z.ZodType>();
  for (const op of ops) {
    // A write answers the warnings of its change (an issue closed with open todos under it) beside its fields.
    const output = realSchema(op.effect !== 'read' && op.output instanceof z.ZodObject ? op.output.extend({ warnings: WARNINGS }) : op.output);
    declared.set(op, output);
    if (idOf.has(output)) continue;
    registry.add(output, { id: `${op.id}.output` });
    idOf.set(output, `${op.id}.output`);
  }
  const { schemas } = z.toJSONSchema(registry, { io: 'output', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Json> };
  return { components: Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, clean(v)])), refOf: (op) => ({ $ref: `#/components/schemas/${idOf.get(declared.get(op)!)!}` }) };
}

function operationObject(op: Operation, output: Json): Json {
  const { method, params } = routeOf(op);
  const input = toJson(op.input.strict(), 'input');
  const properties = (input['properties'] ?? {}) as Record<string, Json>;
  const required = new Set((input['required'] ?? []) as string[]);
  const param = (name: string, where: 'path' | 'query') => {
    const { description, ...schema } = properties[name] ?? {};
    const list = schema['type'] === 'array' || (schema['anyOf'] as Json[] | undefined)?.some((s) => s['type'] === 'array');
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema,
      ...(list ? { style: 'form', explode: false, description: `${description ? `${String(description)}; ` : ''}comma-separated, or the parameter repeated` } : {}),
    };
  };
  const rest = Object.keys(properties).filter((k) => !params.includes(k));
  const body = method === 'GET' || method === 'DELETE' ? undefined : { ...input, properties: Object.fromEntries(rest.map((k) => [k, properties[k]])), required: [...required].filter((k) => !params.includes(k)) };
  return {
    operationId: op.id,
    summary: op.summary,
    tags: [op.id.split('.')[0]],
    parameters: [...params.map((p) => param(p, 'path')), ...(body ? [] : rest.map((k) => param(k, 'query')))],
    ...(body ? { requestBody: { required: (body.required as string[]).length > 0, content: { 'application/json': { schema: body } } } } : {}),
    responses: {
      [op.effect === 'create' ? '201' : '200']: { description: op.summary, content: { 'application/json': { schema: output } } },
      ...Object.fromEntries(Object.keys(ERRORS).map((status) => [status, { $ref: `#/components/responses/E${status}` }])),
    },
  };
}

/** Routes of the server that are not operations: the event stream and inbound webhooks. */
const OTHER_PATHS: Record<string, Json> = {
  '/api/events': {
    get: {
      operationId: 'events.stream',
      summary: 'every history event as server-sent events, live; reconnect with Last-Event-ID (or ?after=) to get what was missed',
      tags: ['events'],
      parameters: [
        { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'integer', minimum: 0 }, description: 'The id (sequence number) of the last event received' },
        { name: 'after', in: 'query', required: false, schema: { type: 'integer', minimum: 0 }, description: 'Start after this sequence number (when no Last-Event-ID is sent)' },
        { name: 'type', in: 'query', required: false, schema: { type: 'array', items: { type: 'string' } }, style: 'form', explode: false, description: 'Only these event types (globs: todo:*, *:status_changed)' },
        { name: 'repo', in: 'query', required: false, schema: { type: 'string' }, description: 'Only events about this repo' },
        { name: 'id', in: 'query', required: false, schema: { type: 'string' }, description: 'Only events about this item' },
      ],
      responses: {
        '200': { description: 'text/event-stream: `id` the sequence number, `event` the type, `data` the event as GET /api/history gives it', content: { 'text/event-stream': { schema: { $ref: '#/components/schemas/HistoryEvent' } } } },
        '422': { $ref: '#/components/responses/E422' },
        '503': { $ref: '#/components/responses/E503' },
      },
    },
  },
  '/api/hooks/in/{name}': {
    post: {
      operationId: 'webhook.receive',
      summary: "an inbound webhook of an activity (HMAC-signed); the activity runs when the trigger's quiet period ends",
      tags: ['activity'],
      security: [],
      parameters: [
        { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'X-Concord-Signature', in: 'header', required: false, schema: { type: 'string' }, description: 'sha256=HMAC of timestamp.body (with X-Concord-Timestamp), or X-Hub-Signature-256 as GitHub sends it' },
      ],
      requestBody: { required: false, content: { '*/*': { schema: { type: 'string' } } } },
      responses: {
        '202': { description: 'Queued', content: { 'application/json': { schema: { type: 'object', properties: { activity: { type: 'string' }, due_at: { type: 'string' } }, required: ['activity', 'due_at'] } } } },
        '404': { $ref: '#/components/responses/E404' },
        '422': { $ref: '#/components/responses/E422' },
      },
    },
  },
};

/** The OpenAPI 3.1 document of `ops` (and the event stream and webhooks). */
export function openApiDocument(ops: readonly Operation[]): Json {
  const { components, refOf } = outputSchemas(ops);
  const paths: Record<string, Json> = { ...OTHER_PATHS };
  for (const op of ops) {
    const { method, path } = routeOf(op);
    paths[path] = { ...(paths[path] ?? {}), [method.toLowerCase()]: operationObject(op, refOf(op)) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Concord',
      version: VERSION,
      description: 'Every operation of Concord over HTTP (the same as its CLI commands and MCP tools; docs/api.md). Errors answer { error: { code, message, hint } }.',
    },
    servers: [{ url: '/' }],
    security: [{}, { bearer: [] }],
    paths,
    components: {
      schemas: { ...components, Error: ERROR_SCHEMA },
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([status, description]) => [
          `E${status}`,
          {
            description,
            ...(status === '503' ? { headers: { 'Retry-After': { description: 'Seconds to wait before asking again', schema: { type: 'integer', minimum: 1 } } } } : {}),
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'CONCORD_SERVER_TOKEN; required when the server has one (always beyond loopback)' } },
    },
  };
}
