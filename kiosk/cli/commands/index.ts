import type { Command } from '../command.ts';
import { cashChange, cctalkDecode } from './cash.ts';
import { cashEmpty, cashRefill, cashStatus, cashVerify } from './cash-ledger.ts';
import { cardDecode, cardRead, cardWatch } from './card.ts';
import { centralEnrollCode, centralStart } from './central.ts';
import { centralHealth } from './central-health.ts';
import { centralReconcile } from './central-reconcile.ts';
import { STAFF_COMMANDS } from './central-staff.ts';
import { centralSnapshotEpoch } from './central-snapshot-epoch.ts';
import { centralWaitingList } from './central-waiting-list.ts';
import { centralRefunds } from './central-refunds.ts';
import { centralCounterCloses, COUNTER_COMMANDS } from './counter.ts';
import { cfCheck } from './cf.ts';
import { codesClassify, pagopaNotice, pagopaQr } from './codes.ts';
import { NOTICE_COMMANDS } from './notices.ts';
import { POS_COMMANDS } from './pos.ts';
import { printerStatus, printerTest } from './printer.ts';
import { receiptRender } from './receipt.ts';
import { BADGE_COMMANDS } from './service-badge.ts';
import { SIM_COMMANDS } from './sim.ts';
import { rulesPublish } from './rules-publish.ts';
import { syncNow, syncStatus } from './sync.ts';
import { syncConflicts } from './sync-conflicts.ts';
import { centralCampaigns } from './central-campaigns.ts';
import { rulesCheck, rulesShow, ticketQuote } from './ticket.ts';

/** Every `cupk` subcommand, in the order `cupk --help` lists them. */
export const COMMANDS: Command[] = [cfCheck, ticketQuote, rulesCheck, rulesShow, cashChange, cctalkDecode, cashStatus, cashVerify, cashEmpty, cashRefill, ...BADGE_COMMANDS, ...COUNTER_COMMANDS, cardDecode, cardRead, cardWatch, codesClassify, pagopaNotice, pagopaQr, printerStatus, printerTest, receiptRender, rulesPublish, ...NOTICE_COMMANDS, centralStart, centralEnrollCode, centralHealth, centralReconcile, ...STAFF_COMMANDS, centralSnapshotEpoch, centralWaitingList, centralCampaigns, centralRefunds, centralCounterCloses, syncStatus, syncNow, syncConflicts, ...POS_COMMANDS, ...SIM_COMMANDS];
