import { z } from 'zod';

/**
 * The nexo Sale-to-POI messages we use, in the JSON form of the Adyen Terminal API (protocol
 * version 3.0). Only the fields we send or read are listed; unknown fields are ignored when
 * parsing, since real terminals add their own. Both sides use these: the driver to read the
 * terminal's responses, the simulator to read our requests.
 */

export const PROTOCOL_VERSION = '3.0';

export const MessageCategory = z.enum(['Payment', 'TransactionStatus', 'Reversal', 'Abort', 'Reconciliation']);
export type MessageCategory = z.infer<typeof MessageCategory>;

/** nexo limits ServiceID to 10 characters; SaleID and POIID are free text. */
export const MessageHeader = z.object({
  ProtocolVersion: z.string(),
  MessageClass: z.literal('Service'),
  MessageCategory,
  MessageType: z.enum(['Request', 'Response']),
  ServiceID: z.string().min(1).max(10),
  SaleID: z.string().min(1),
  POIID: z.string().min(1),
});
export type MessageHeader = z.infer<typeof MessageHeader>;

/** The ErrorCondition values of nexo; the driver maps each to an outcome or a typed error. */
export const ErrorCondition = z.enum([
  'Aborted', 'Busy', 'Cancel', 'DeviceOut', 'InProgress', 'InsertedCard', 'InvalidCard', 'LoggedOut', 'MessageFormat',
  'NotAllowed', 'NotFound', 'PaymentRestriction', 'Refusal', 'UnavailableDevice', 'UnavailableService', 'UnreachableHost', 'WrongPIN',
]);
export type ErrorCondition = z.infer<typeof ErrorCondition>;

export const Response = z.object({
  Result: z.enum(['Success', 'Failure', 'Partial']),
  ErrorCondition: ErrorCondition.optional(),
  /** URL-encoded `key=value&...` pairs (`message=...`, `refusalReason=...`), for people and logs. */
  AdditionalResponse: z.string().optional(),
});
export type Response = z.infer<typeof Response>;

export const TransactionIdentification = z.object({ TransactionID: z.string().min(1), TimeStamp: z.string().min(1) });
export type TransactionIdentification = z.infer<typeof TransactionIdentification>;

export const MessageReference = z.object({
  MessageCategory,
  ServiceID: z.string().min(1).max(10),
  SaleID: z.string().min(1),
  POIID: z.string().optional(),
});

const SaleData = z.object({ SaleTransactionID: TransactionIdentification });

/** JSON numbers; `amount.ts` turns them into cents without float arithmetic. */
const Amount = z.number();

export const PaymentRequestBody = z.object({
  SaleData,
  PaymentTransaction: z.object({ AmountsReq: z.object({ Currency: z.string().length(3), RequestedAmount: Amount }) }),
});

export const PaymentReceipt = z.object({
  DocumentQualifier: z.string(),
  RequiredSignatureFlag: z.boolean().optional(),
  OutputContent: z.object({
    OutputFormat: z.literal('Text'),
    OutputText: z.array(z.object({ Text: z.string() })),
  }),
});

export const PaymentResponseBody = z.object({
  Response,
  SaleData: SaleData.optional(),
  POIData: z.object({ POITransactionID: TransactionIdentification }).optional(),
  PaymentResult: z
    .object({
      AmountsResp: z.object({ Currency: z.string(), AuthorizedAmount: Amount }).optional(),
      PaymentInstrumentData: z
        .object({ PaymentInstrumentType: z.string().optional(), CardData: z.object({ MaskedPan: z.string().optional(), PaymentBrand: z.string().optional() }).optional() })
        .optional(),
      PaymentAcquirerData: z
        .object({ AcquirerTransactionID: TransactionIdentification.optional(), ApprovalCode: z.string().optional(), AcquirerPOIID: z.string().optional() })
        .optional(),
    })
    .optional(),
  PaymentReceipt: z.array(PaymentReceipt).optional(),
});
export type PaymentResponseBody = z.infer<typeof PaymentResponseBody>;

export const TransactionStatusRequestBody = z.object({ MessageReference });

export const ReversalRequestBody = z.object({
  OriginalPOITransaction: z.object({ POITransactionID: TransactionIdentification }),
  ReversalReason: z.enum(['CustCancel', 'Malfunction', 'MerchantCancel', 'Unable2Compl']),
  SaleData: SaleData.optional(),
});

export const ReversalResponseBody = z.object({
  Response,
  POIData: z.object({ POITransactionID: TransactionIdentification }).optional(),
  OriginalPOITransaction: z.object({ POITransactionID: TransactionIdentification }).optional(),
  ReversedAmount: Amount.optional(),
});
export type ReversalResponseBody = z.infer<typeof ReversalResponseBody>;

export const TransactionStatusResponseBody = z.object({
  Response,
  MessageReference: MessageReference.optional(),
  RepeatedMessageResponse: z
    .object({
      MessageHeader,
      RepeatedResponseMessageBody: z.object({ PaymentResponse: PaymentResponseBody.optional(), ReversalResponse: ReversalResponseBody.optional() }),
    })
    .optional(),
});

export const AbortRequestBody = z.object({ AbortReason: z.string(), MessageReference });

export const ReconciliationRequestBody = z.object({ ReconciliationType: z.enum(['SaleReconciliation', 'AcquirerReconciliation', 'PreviousReconciliation']) });

export const PaymentTotals = z.object({
  TransactionType: z.string(),
  TransactionCount: z.number().int().nonnegative(),
  TransactionAmount: Amount,
});

export const ReconciliationResponseBody = z.object({
  Response,
  ReconciliationType: z.string(),
  /** A DigitString in Adyen's examples, an integer in nexo's schema: both are accepted. */
  POIReconciliationID: z.union([z.string(), z.number().int()]).optional(),
  TransactionTotals: z
    .array(z.object({ PaymentInstrumentType: z.string(), PaymentCurrency: z.string().optional(), PaymentTotals: z.array(PaymentTotals).optional() }))
    .optional(),
});

/** The body each category carries, by its nexo name. */
export const REQUEST_BODIES = {
  Payment: ['PaymentRequest', PaymentRequestBody],
  TransactionStatus: ['TransactionStatusRequest', TransactionStatusRequestBody],
  Reversal: ['ReversalRequest', ReversalRequestBody],
  Abort: ['AbortRequest', AbortRequestBody],
  Reconciliation: ['ReconciliationRequest', ReconciliationRequestBody],
} as const;

export const RESPONSE_BODIES = {
  Payment: ['PaymentResponse', PaymentResponseBody],
  TransactionStatus: ['TransactionStatusResponse', TransactionStatusResponseBody],
  Reversal: ['ReversalResponse', ReversalResponseBody],
  Reconciliation: ['ReconciliationResponse', ReconciliationResponseBody],
} as const;

export type RequestBodies = { [K in keyof typeof REQUEST_BODIES]: z.infer<(typeof REQUEST_BODIES)[K][1]> };
export type ResponseBodies = { [K in keyof typeof RESPONSE_BODIES]: z.infer<(typeof RESPONSE_BODIES)[K][1]> };
