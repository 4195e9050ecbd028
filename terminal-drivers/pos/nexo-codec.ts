/**
 * The nexo Sale-to-POI JSON codec, pure: builds the request envelopes we send and checks the
 * responses we get (and, for the simulator, the other way round). Nothing here throws: a message
 * that is not valid JSON, not the expected envelope, or not the answer to the request we sent
 * comes back as `{ ok: false, error: PosProtocolError }` with what was wrong.
 */
import { centsToAmount } from './amount.ts';
import type { PaymentRequest } from './contract.ts';
import { PosProtocolError } from './errors.ts';
import {
  MessageHeader,
  PROTOCOL_VERSION,
  REQUEST_BODIES,
  RESPONSE_BODIES,
  type MessageCategory,
  type RequestBodies,
  type ResponseBodies,
  type TransactionIdentification,
} from './nexo-schema.ts';

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: PosProtocolError };

/** Who talks to whom: our SaleID (stable per kiosk, so a restarted host finds its payments) and the terminal's POIID. */
export interface SaleContext {
  saleId: string;
  poiId: string;
}

type Envelope = 'SaleToPOIRequest' | 'SaleToPOIResponse';

/** One message as JSON text: the envelope, its header, and the body under its nexo name. */
export function encodeMessage(envelope: Envelope, header: MessageHeader, bodyName: string, body: object): string {
  return JSON.stringify({ [envelope]: { MessageHeader: header, [bodyName]: body } });
}

export function header(ctx: SaleContext, category: MessageCategory, type: 'Request' | 'Response', serviceId: string): MessageHeader {
  return {
    ProtocolVersion: PROTOCOL_VERSION,
    MessageClass: 'Service',
    MessageCategory: category,
    MessageType: type,
    ServiceID: serviceId,
    SaleID: ctx.saleId,
    POIID: ctx.poiId,
  };
}

export function paymentRequestMessage(ctx: SaleContext, serviceId: string, req: PaymentRequest, now: Date): string {
  const body: RequestBodies['Payment'] = {
    SaleData: { SaleTransactionID: { TransactionID: req.transactionId, TimeStamp: now.toISOString() } },
    PaymentTransaction: { AmountsReq: { Currency: req.currency, RequestedAmount: centsToAmount(req.amountCents) } },
  };
  return encodeMessage('SaleToPOIRequest', header(ctx, 'Payment', 'Request', serviceId), 'PaymentRequest', body);
}

/** Asks for the last response to the request `(category, refServiceId)` of our SaleID. */
export function statusRequestMessage(ctx: SaleContext, serviceId: string, category: 'Payment' | 'Reversal', refServiceId: string): string {
  const body: RequestBodies['TransactionStatus'] = { MessageReference: { MessageCategory: category, ServiceID: refServiceId, SaleID: ctx.saleId } };
  return encodeMessage('SaleToPOIRequest', header(ctx, 'TransactionStatus', 'Request', serviceId), 'TransactionStatusRequest', body);
}

export function reversalRequestMessage(ctx: SaleContext, serviceId: string, original: TransactionIdentification, transactionId: string, now: Date): string {
  const body: RequestBodies['Reversal'] = {
    OriginalPOITransaction: { POITransactionID: original },
    ReversalReason: 'MerchantCancel',
    SaleData: { SaleTransactionID: { TransactionID: transactionId, TimeStamp: now.toISOString() } },
  };
  return encodeMessage('SaleToPOIRequest', header(ctx, 'Reversal', 'Request', serviceId), 'ReversalRequest', body);
}

export function abortRequestMessage(ctx: SaleContext, serviceId: string, paymentServiceId: string): string {
  const body: RequestBodies['Abort'] = {
    AbortReason: 'MerchantAbort',
    MessageReference: { MessageCategory: 'Payment', ServiceID: paymentServiceId, SaleID: ctx.saleId },
  };
  return encodeMessage('SaleToPOIRequest', header(ctx, 'Abort', 'Request', serviceId), 'AbortRequest', body);
}

export function reconciliationRequestMessage(ctx: SaleContext, serviceId: string): string {
  const body: RequestBodies['Reconciliation'] = { ReconciliationType: 'SaleReconciliation' };
  return encodeMessage('SaleToPOIRequest', header(ctx, 'Reconciliation', 'Request', serviceId), 'ReconciliationRequest', body);
}

/** Zod's issues as `$.path: message` lines, for the error's details. */
function problems(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((i) => `$${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`);
}

function fail<T>(message: string, details?: Record<string, unknown>): Decoded<T> {
  return { ok: false, error: new PosProtocolError(message, details) };
}

function parseJson(text: string): Decoded<Record<string, unknown>> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return fail(`not JSON: ${(e as Error).message}`, { length: text.length });
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('not a JSON object');
  return { ok: true, value: v as Record<string, unknown> };
}

/** The envelope's inner object and its checked header. */
function openEnvelope(text: string, envelope: Envelope): Decoded<{ header: MessageHeader; inner: Record<string, unknown> }> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const inner = json.value[envelope];
  if (typeof inner !== 'object' || inner === null) return fail(`no ${envelope} in the message`, { keys: Object.keys(json.value) });
  const h = MessageHeader.safeParse((inner as Record<string, unknown>).MessageHeader);
  if (!h.success) return fail('bad MessageHeader', { problems: problems(h.error.issues) });
  if (h.data.MessageType !== (envelope === 'SaleToPOIRequest' ? 'Request' : 'Response')) return fail(`MessageType ${h.data.MessageType} in a ${envelope}`);
  return { ok: true, value: { header: h.data, inner: inner as Record<string, unknown> } };
}

export type AnyRequest = { [C in MessageCategory]: { category: C; header: MessageHeader; body: RequestBodies[C] } }[MessageCategory];

/** The terminal's side: any request we know, its body checked against its category. */
export function decodeRequest(text: string): Decoded<AnyRequest> {
  const env = openEnvelope(text, 'SaleToPOIRequest');
  if (!env.ok) return env;
  const { header: h, inner } = env.value;
  const [name, schema] = REQUEST_BODIES[h.MessageCategory];
  const body = schema.safeParse(inner[name]);
  if (!body.success) return fail(`bad ${name}`, { problems: problems(body.error.issues) });
  return { ok: true, value: { category: h.MessageCategory, header: h, body: body.data } as AnyRequest };
}

/**
 * Our side: the response to the request we sent as `(category, serviceId)` from our SaleID. A
 * response to another request (another ServiceID, another SaleID) is refused: it is not ours.
 */
export function decodeResponse<C extends keyof ResponseBodies>(
  text: string,
  expect: { category: C; serviceId: string; saleId: string },
): Decoded<{ header: MessageHeader; body: ResponseBodies[C] }> {
  const env = openEnvelope(text, 'SaleToPOIResponse');
  if (!env.ok) return env;
  const { header: h, inner } = env.value;
  if (h.MessageCategory !== expect.category) return fail(`a ${h.MessageCategory} response to a ${expect.category} request`);
  if (h.ServiceID !== expect.serviceId || h.SaleID !== expect.saleId) {
    return fail('the response belongs to another request', { expected: { ServiceID: expect.serviceId, SaleID: expect.saleId }, got: { ServiceID: h.ServiceID, SaleID: h.SaleID } });
  }
  const [name, schema] = RESPONSE_BODIES[expect.category];
  const body = schema.safeParse(inner[name]);
  if (!body.success) return fail(`bad ${name}`, { problems: problems(body.error.issues) });
  return { ok: true, value: { header: h, body: body.data as ResponseBodies[C] } };
}

/** `message=PIN%20timeout&refusalReason=...` → its pairs; a malformed escape keeps the raw text. */
export function additionalResponse(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!text) return out;
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    const [k, v] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    try {
      out[decodeURIComponent(k)] = decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      out[k] = v;
    }
  }
  return out;
}
