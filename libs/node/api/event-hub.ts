/** What the node tells its clients as it happens (Server-Sent Events): ids and states, for the client to fetch. */
export type NodeEvent =
  | { type: 'view'; noticeId: string; deliverySeq: number; receivedAt: string }
  /** A withdrawal (the views of noticeIds lost their content) or an update not shared with this agency. */
  | {
      type: 'tombstone';
      kind: 'UPDATE' | 'WITHDRAWAL';
      byNoticeId: string;
      noticeIds: string[];
      deliverySeq: number;
      receivedAt: string;
    }
  | { type: 'decision'; noticeId: string; status: 'accepted' | 'quarantined'; code?: string; path?: string };

/** In-process fan-out of node events to the open event streams. */
export class EventHub {
  private readonly listeners = new Set<(event: NodeEvent) => void>();

  subscribe(listener: (event: NodeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: NodeEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** One SSE frame. Data is JSON on a single line, so no field can end the frame early. */
export function sseFrame(event: NodeEvent, id: string): string {
  return `id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
