import { jsonSchema, SNAPSHOT_KINDS, SnapshotResponseSchema } from '../protocol/index.ts';

/** The snapshot route of the OpenAPI document (openapi.ts), and the schema it names. */

const json = (schema: Record<string, unknown>) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/ErrorBody' }) });

export const SNAPSHOT_PATHS: Record<string, unknown> = {
  '/v1/snapshots/{kind}': {
    get: {
      summary: 'The catalogue, the free slots of the next 30 days, or the terminal configuration: what changed after the version the terminal holds',
      description:
        'A delta (items added or changed, ids removed) from `since`; the whole snapshot (`full: true`) without `since`, with 0, with a version the central does not know, one older than the removals it remembers, or with an `epoch` other than the store\'s (the version was counted on another database). Without `epoch` the version is taken as it is (terminals from before epochs). A slot booked, held, released or passed, or a hold lapsing, moves the agenda version. Answers of 1 KiB and more are gzip or brotli encoded when Accept-Encoding asks for it.',
      security: [{ terminalSignature: [] }],
      parameters: [
        { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: [...SNAPSHOT_KINDS] } },
        { name: 'since', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } },
        { name: 'epoch', in: 'query', required: false, description: 'the `epoch` of the answer that brought `since`', schema: { type: 'string', minLength: 1, maxLength: 64 } },
      ],
      responses: {
        '200': { description: 'the changes and the version they bring the terminal to', ...json({ $ref: '#/components/schemas/SnapshotResponse' }) },
        '400': error('REQUEST_INVALID: an unknown kind, a bad version or a bad epoch'),
        '401': error('AUTH_* as for every signed route'),
      },
    },
  },
};

export const SNAPSHOT_SCHEMAS: Record<string, unknown> = { SnapshotResponse: jsonSchema(SnapshotResponseSchema) };
