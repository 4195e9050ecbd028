import type { Command } from '../command.ts';
import { cashChange, cctalkDecode } from './cash.ts';
import { cfCheck } from './cf.ts';
import { rulesCheck, rulesShow, ticketQuote } from './ticket.ts';

/** Every `cupk` subcommand, in the order `cupk --help` lists them. */
export const COMMANDS: Command[] = [cfCheck, ticketQuote, rulesCheck, rulesShow, cashChange, cctalkDecode];
