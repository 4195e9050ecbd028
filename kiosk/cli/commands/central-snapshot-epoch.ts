/**
 * `cupk central snapshot-epoch [--renew]`: the snapshot epoch of the central's database, straight
 * on it. After restoring the database from a backup, renew it before the centrals start on it:
 * its snapshot versions count again from the backup's, so a terminal's version could name other
 * items there, and a new epoch makes every terminal take the whole snapshots at its next pull.
 */
import { snapshotStoreOf } from '@cup-kiosk/sync-service/central';
import { CupError } from '@cup-kiosk/sync-service/domain';
import type { Command } from '../command.ts';
import { CENTRAL_STORE_OPTIONS, withCentralStore } from './central-store.ts';

interface EpochResult {
  epoch: string;
  renewed: boolean;
  previous?: string;
}

export const centralSnapshotEpoch: Command = {
  path: ['central', 'snapshot-epoch'],
  usage: 'cupk central snapshot-epoch [--renew] [--data DIR | --pg URL] [--json]',
  summary: "the central database's snapshot epoch; --renew draws a new one (after restoring a backup)",
  options: { ...CENTRAL_STORE_OPTIONS, renew: { type: 'boolean' } },
  async run(_p, values): Promise<EpochResult> {
    return withCentralStore(values, async (central) => {
      const snapshots = snapshotStoreOf(central);
      if (!snapshots) throw new CupError('SNAPSHOTS_NOT_AVAILABLE', 'this store keeps no snapshots');
      if (values.renew !== true) return { epoch: await snapshots.epoch(), renewed: false };
      const { epoch, previous } = await snapshots.renewEpoch(new Date().toISOString());
      return { epoch, renewed: true, previous };
    });
  },
  human: (r) => {
    const { epoch, renewed, previous } = r as EpochResult;
    return renewed ? `snapshot epoch ${epoch} (was ${previous}): every terminal takes the whole snapshots at its next pull` : `snapshot epoch ${epoch}`;
  },
};
