import { css, html, type CSSResultGroup } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { ConflictNotice, InvitationOffer } from '../../bridge/campaign-api.ts';
import { appointment, euroIn, latinDigits, longDate, romeDay } from '../format.ts';
import { languageInfo } from '../i18n/languages.ts';
import { ScreenBase } from './screen-base.ts';

/** The CUP line a citizen calls about a booking (the slip prints the same). */
const CUP_PHONE = '800 098 543';
/** Reasons that mean "the place was not yours": booked again, or called about. */
const NOT_CONFIRMED = new Set(['SLOT_TAKEN', 'HOLD_UNKNOWN']);
/** Reasons that mean "you paid for something already paid": the money comes back. */
const PAID_TWICE = new Set(['NOTICE_ALREADY_PAID', 'BOOKING_ALREADY_PAID']);

/**
 * What the menu tells an identified citizen first: their transactions the central refused, in
 * plain words per reason, each to acknowledge; then the campaigns inviting them to book, each to
 * book now, leave for another time, or decline.
 *
 * @fires session-event - CONFLICT.ACKNOWLEDGE, INVITATION.BOOK, INVITATION.LATER, INVITATION.DECLINE
 */
@customElement('citizen-news')
export class CitizenNews extends ScreenBase {
  static override styles: CSSResultGroup = [
    ScreenBase.styles,
    css`
      /* A part of the menu, not a screen: no screen padding or height of its own. */
      :host {
        display: block;
        min-height: 0;
        padding: 0;
      }
      section {
        border: 3px solid currentColor;
        border-radius: 12px;
        padding: 1rem 1.2rem;
        margin-bottom: 1rem;
      }
      section.conflict {
        border-style: double;
      }
      h2 {
        margin: 0 0 0.5rem;
      }
      .row {
        margin-top: 0.8rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.8rem;
      }
      .row button {
        flex: 1 1 12rem;
      }
    `,
  ];

  private locale() {
    return latinDigits(languageInfo(this.language).bcp47);
  }

  private conflictText(c: ConflictNotice): string {
    if (NOT_CONFIRMED.has(c.reason) && c.startsAt) {
      return this.t('conflict.slotTaken', { what: c.what ?? this.t('conflict.aBooking'), date: appointment(c.startsAt, this.locale()), phone: CUP_PHONE });
    }
    if (PAID_TWICE.has(c.reason) && c.paidCents !== null) {
      return this.t('conflict.paidTwice', { amount: euroIn(c.paidCents, languageInfo(this.language).bcp47), code: c.bookingCode ?? '' });
    }
    return this.t('conflict.other', { date: romeDay(c.at, this.locale()) });
  }

  private conflict(c: ConflictNotice) {
    return html`<section class="conflict" role="alert" data-conflict=${c.key} data-reason=${c.reason}>
      <h2>${this.t('conflict.title')}</h2>
      <p class="lead">${this.conflictText(c)}</p>
      <div class="row">
        <button data-action="acknowledge" @click=${() => this.send({ type: 'CONFLICT.ACKNOWLEDGE', key: c.key })}>${this.t('conflict.acknowledge')}</button>
      </div>
    </section>`;
  }

  private invitation(i: InvitationOffer) {
    const id = i.invitationId;
    return html`<section class="invitation" data-invitation=${id} data-kind=${i.kind}>
      <h2><bdi>${this.t('invitation.title', { campaign: i.campaignName })}</bdi></h2>
      <p class="lead"><bdi>${this.t('invitation.body', { service: i.serviceDescription, date: longDate(i.validTo, this.locale()) })}</bdi></p>
      <div class="row">
        <button data-action="book-invitation" @click=${() => this.send({ type: 'INVITATION.BOOK', invitationId: id })}>${this.t('invitation.book')}</button>
        <button class="secondary" data-action="later" @click=${() => this.send({ type: 'INVITATION.LATER', invitationId: id })}>${this.t('invitation.later')}</button>
        <button class="secondary" data-action="decline" @click=${() => this.send({ type: 'INVITATION.DECLINE', invitationId: id })}>${this.t('invitation.decline')}</button>
      </div>
    </section>`;
  }

  override render() {
    const news = this.context.news;
    if (!news || (news.conflicts.length === 0 && news.invitations.length === 0)) return html``;
    return html`<div data-testid="citizen-news">
      <h2>${this.t('news.title')}</h2>
      ${news.conflicts.map((c) => this.conflict(c))} ${news.invitations.map((i) => this.invitation(i))}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'citizen-news': CitizenNews;
  }
}
