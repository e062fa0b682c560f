/**
 * The ids of the events most recently chained, so an event a service sends again after a
 * crash (same id, possibly in a differently composed batch, which the broker's message
 * dedup does not catch) is chained once. Bounded: the oldest ids are forgotten first.
 */
export class RecentEventIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (!id || this.ids.has(id)) return;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      // A Set iterates in insertion order: the first id is the oldest.
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }
}
