import { randomUUID } from 'node:crypto';
import { CupError, parseTaxCode, todayInRome, type IsoDate } from '@cup-kiosk/sync-service/domain';
import { INCOME_BAND_STATEMENT, isIncomeBand } from '../bridge/income-band-form.ts';
import type { DeclareIncomeBandInput, IncomeBandDeclared, IncomeBandInForce } from '../bridge/terminal-api.ts';
import { incomeBandPayload, newerDeclaration } from './income-band-payload.ts';
import type { IncomeBandStore } from './income-band-store.ts';
import type { CentralPort, DeclaredIncomeBand } from './ports.ts';

export interface IncomeBandsOptions {
  /** Declarations taken here; absent, the terminal takes none and quotes with the central's only. */
  store?: IncomeBandStore;
  central: CentralPort;
  terminalId: string;
  now: () => Date;
}

/**
 * Citizens' self-certified income bands as this terminal applies them: taken here (recorded and
 * queued for the central) and answered by the central for those taken anywhere else. The newest
 * wins, so a band declared here is used at once, before the central has it, and offline.
 */
export class IncomeBands {
  constructor(private readonly o: IncomeBandsOptions) {}

  /**
   * The declaration in force for a citizen on a date. A central that cannot be asked counts as
   * knowing nothing: the quote goes on with what this terminal holds, else the rules' default.
   */
  async inForce(taxCode: string, date: IsoDate): Promise<DeclaredIncomeBand | null> {
    const code = taxCode.trim().toUpperCase();
    const [local, central] = await Promise.all([
      this.o.store ? this.o.store.newestOn(code, date) : null,
      this.o.central.incomeBand ? this.o.central.incomeBand(code, date).catch(() => null) : null,
    ]);
    return newerDeclaration(local, central);
  }

  /** The citizen's band today, for the screen; TAX_CODE_* for a code that is not one. */
  async current(taxCode: string): Promise<IncomeBandInForce> {
    const now = this.o.now();
    const { taxCode: code } = parseTaxCode(String(taxCode).trim().toUpperCase(), now);
    const held = await this.inForce(code, todayInRome(now));
    return held ? { band: held.band, declaredOn: held.declaredOn } : { band: null, declaredOn: null };
  }

  /** Records a declaration dated today and queues it for the central, before answering. */
  async declare(input: DeclareIncomeBandInput): Promise<IncomeBandDeclared> {
    const band: unknown = input?.band;
    if (!isIncomeBand(band)) throw new CupError('INCOME_BAND_INVALID', `an income band is 1, 2, 3 or 4, not ${JSON.stringify(band)}`);
    const at = this.o.now();
    const { taxCode } = parseTaxCode(String(input.taxCode ?? '').trim().toUpperCase(), at);
    if (!this.o.store) throw new CupError('INCOME_BAND_NOT_TAKEN', 'this terminal does not take income-band declarations');
    const payload = incomeBandPayload({ declarationId: randomUUID(), taxCode, band, at, terminalId: this.o.terminalId, statement: INCOME_BAND_STATEMENT });
    await this.o.store.record(payload);
    // The other terminals quote with it once the central has it: send it now rather than at the next round.
    this.o.central.kick();
    return { declarationId: payload.declarationId, band, declaredOn: payload.declaredOn };
  }
}
