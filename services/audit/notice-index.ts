/**
 * Where in the audit stream each notice's records are: the sequences of the blocks that
 * hold them, so tracking a notice reads a handful of blocks instead of the whole chain.
 * Kept in memory by the writer (a few numbers per notice) and rebuilt when it loads.
 */
export class NoticeIndex {
  private readonly blocks = new Map<string, number[]>();

  add(noticeId: string, blockSeq: number): void {
    if (!noticeId) return;
    const seqs = this.blocks.get(noticeId);
    if (!seqs) this.blocks.set(noticeId, [blockSeq]);
    else if (seqs.at(-1) !== blockSeq) seqs.push(blockSeq);
  }

  blocksOf(noticeId: string): readonly number[] {
    return this.blocks.get(noticeId) ?? [];
  }
}
