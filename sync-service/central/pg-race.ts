import { CupError } from '../domain/errors.ts';

/** A row taken by a concurrent transaction after this one looked: the store retries. */
export class WriteRaceError extends CupError {
  constructor(table: string, wanted: number, inserted: number) {
    super('CENTRAL_WRITE_RACE', `${wanted - inserted} of ${wanted} ${table} rows were stored meanwhile by another transaction`, { table, wanted, inserted });
  }
}
