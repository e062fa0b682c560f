import type { CryptoKey } from 'jose';
import { ChainVerifier } from '../audit/index.js';
import { errorMessage } from '../errors/index.js';
import type { ChainSource, VerifyState } from './audit-console-models.js';

/**
 * The console's whole-chain verification: one at a time, run in the background over the
 * chain as the source reads it (ChainVerifier, then every checkpoint's signature with the
 * audit key, as `audit replay --verify` does), its progress and outcome kept for the
 * pages. Memory: the verifier's 32 bytes a record, while it runs.
 */
export class VerifyJob {
  private phase: 'idle' | 'running' | 'done' | 'failed' = 'idle';
  private last: VerifyState = { state: 'idle' };
  private startedAt = '';
  private checked = 0;
  private fraction = 0;
  private run: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: ChainSource,
    private readonly auditKey: CryptoKey,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get status(): VerifyState {
    if (this.phase === 'running') return { state: 'running', startedAt: this.startedAt, checked: this.checked, fraction: this.fraction };
    return this.last;
  }

  /** Starts a verification unless one is under way; says whether it started. */
  start(): boolean {
    if (this.phase === 'running') return false;
    this.phase = 'running';
    this.startedAt = this.clock().toISOString();
    this.checked = 0;
    this.fraction = 0;
    this.run = this.verify();
    return true;
  }

  /** Resolves once the verification under way, if any, has ended (it never rejects). */
  settled(): Promise<void> {
    return this.run;
  }

  private async verify(): Promise<void> {
    const verifier = new ChainVerifier();
    try {
      await this.source(
        (chained) => {
          verifier.push(chained);
          this.checked += 1;
        },
        (fraction) => {
          this.fraction = Math.min(1, Math.max(0, fraction));
        },
      );
      const report = await verifier.finish(this.auditKey);
      this.last = {
        state: 'done',
        startedAt: this.startedAt,
        finishedAt: this.clock().toISOString(),
        outcome: {
          count: report.count,
          checkpoints: report.checkpoints,
          sealed: report.sealed,
          unsealed: report.unsealed,
          broken: report.broken ? { index: report.broken.index, reason: report.broken.reason } : undefined,
        },
      };
      this.phase = 'done';
    } catch (error) {
      this.last = { state: 'failed', startedAt: this.startedAt, finishedAt: this.clock().toISOString(), message: errorMessage(error) };
      this.phase = 'failed';
    }
  }
}
