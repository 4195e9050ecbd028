import { QuoteError, type QuoteOptions, quoteTicket } from './quote.ts';
import { type RuleSet, ruleSetInForce } from './rules/rule-set.ts';
import type { Booking, Cents, IsoDate } from './types.ts';

export interface BookingQuoteLine {
  code: string;
  description: string;
  tariffCents: Cents;
  /** True when an exemption makes this service free. */
  exempt: boolean;
}

export interface BookingQuote {
  /** Rule version in force on the date, reported even for intramoenia, which it does not price. */
  ruleVersion: string;
  amountDueCents: Cents;
  services: BookingQuoteLine[];
}

/**
 * The amount due for a booking on a Europe/Rome date. SSN bookings go through `quoteTicket`
 * with the booking's exemptions; intramoenia pays the practitioner's full fee, no exemption.
 * @throws QuoteError as `quoteTicket` does.
 */
export function quoteBooking(booking: Booking, date: IsoDate, incomeBand: 1 | 2 | 3 | 4 | null, ruleSets: readonly RuleSet[], options: QuoteOptions = {}): BookingQuote {
  const lines = booking.prescriptions.map((p) => p.services.map((s) => ({ code: s.code, description: s.description, tariffCents: s.tariffCents, exempt: false })));
  if (booking.intramoenia) {
    const rules = ruleSetInForce(ruleSets, date);
    if (!rules) throw new QuoteError('NO_RULES_IN_FORCE', `no rule version is in force on ${date}`, { date });
    const services = lines.flat();
    return { ruleVersion: rules.version, amountDueCents: services.reduce((sum, s) => sum + s.tariffCents, 0), services };
  }
  const quote = quoteTicket(
    {
      date,
      incomeBand,
      exemptions: booking.exemptions,
      prescriptions: booking.prescriptions.map((p) => ({ services: p.services.map((s) => ({ code: s.code, tariffCents: s.tariffCents })) })),
    },
    ruleSets,
    options,
  );
  lines.forEach((prescriptionLines, i) => {
    // exemptServices lists exempt codes in service order, so match them off one by one.
    const exempt = [...(quote.prescriptions[i]?.exemptServices ?? [])];
    for (const line of prescriptionLines) {
      const k = exempt.indexOf(line.code);
      if (k >= 0) {
        line.exempt = true;
        exempt.splice(k, 1);
      }
    }
  });
  return { ruleVersion: quote.ruleVersion, amountDueCents: quote.totalCents, services: lines.flat() };
}
