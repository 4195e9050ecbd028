import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import { parseTaxCode, TaxCodeError } from '../domain/index.ts';
import { errorBody, IncomeBandAnswerSchema, IsoDateSchema, jsonSchema, type IncomeBandAnswer } from '../protocol/index.ts';
import type { CentralStore } from './store.ts';

export interface IncomeBandRoutesOptions {
  store: CentralStore;
  /** Hooks that admit only signed terminal requests (empty when signatures are off). */
  terminal: Pick<RouteShorthandOptions, 'preValidation'>;
  /** Error response schemas shared with the other routes. */
  errors: Record<number, unknown>;
}

/**
 * GET /v1/citizens/:taxCode/income-band?date=YYYY-MM-DD: the self-certified band in force for
 * a citizen on a date, for a terminal about to quote. Answers all nulls for a citizen who had
 * declared none by then; the quote then takes the rules' default band.
 */
export function registerIncomeBandRoutes(app: FastifyInstance, o: IncomeBandRoutesOptions): void {
  app.get<{ Params: { taxCode: string }; Querystring: { date?: string } }>(
    '/v1/citizens/:taxCode/income-band',
    {
      ...o.terminal,
      // Lengths and patterns are checked in the handler, so each failure gets its own code.
      schema: {
        params: { type: 'object', properties: { taxCode: { type: 'string' } }, required: ['taxCode'] },
        querystring: { type: 'object', properties: { date: { type: 'string' } } },
        response: { 200: jsonSchema(IncomeBandAnswerSchema), ...o.errors },
      },
    },
    async (request, reply) => {
      let taxCode: string;
      try {
        taxCode = parseTaxCode(request.params.taxCode).taxCode;
      } catch (e) {
        if (!(e instanceof TaxCodeError)) throw e;
        return reply.status(400).send(errorBody('TAX_CODE_INVALID', e.message, { reason: e.code }));
      }
      const date = IsoDateSchema.safeParse(request.query.date);
      if (!date.success) return reply.status(400).send(errorBody('DATE_INVALID', 'date must be a calendar date, YYYY-MM-DD'));
      const held = await o.store.incomeBandOn(taxCode, date.data);
      const answer: IncomeBandAnswer = held
        ? { taxCode, band: held.band, declaredOn: held.declaredOn, declaredAt: held.declaredAt }
        : { taxCode, band: null, declaredOn: null, declaredAt: null };
      return answer;
    },
  );
}
