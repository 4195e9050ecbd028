import { z } from 'zod';

/**
 * The JSON Schema of a wire schema, for fastify's request validation and response
 * serialisation and for the OpenAPI document: one source, so they cannot drift apart.
 * OpenAPI 3.0 flavour because it is also valid for fastify's Ajv (no `$schema` key).
 *
 * `io: 'input'` leaves objects open (no `additionalProperties: false`, zod strips unknown keys
 * itself): what a request body with a union needs, because fastify's Ajv removes the properties
 * a union branch does not list while it tries that branch, and the right branch then fails.
 */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io }) as Record<string, unknown>;
}
