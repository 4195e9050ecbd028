import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AnyActorRef, SnapshotFrom } from 'xstate';

/**
 * Joins an XState actor to a Lit component: the host re-renders on every snapshot, and stops
 * listening when it leaves the DOM. The actor's lifetime is the owner's business, not ours.
 */
export class ActorController<TActor extends AnyActorRef> implements ReactiveController {
  private subscription: { unsubscribe(): void } | null = null;
  snapshot: SnapshotFrom<TActor>;

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly actor: TActor,
  ) {
    this.snapshot = actor.getSnapshot();
    host.addController(this);
  }

  hostConnected(): void {
    this.subscription = this.actor.subscribe((snapshot: SnapshotFrom<TActor>) => {
      this.snapshot = snapshot;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }
}
