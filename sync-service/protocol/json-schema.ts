import { z } from 'zod';

/**
 * The JSON Schema of a wire schema, for fastify's request validation and response
 * serialisation and for the OpenAPI document: one source, so they cannot drift apart.
 * OpenAPI 3.0 flavour because it is also valid for fastify's Ajv (no `$schema` key).
 */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, unknown>;
}
