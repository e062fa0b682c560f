import type { KV } from '@nats-io/kv';
import { currentPolicy, watchPolicy } from '../../libs/bus/index.js';
import { AccordError, errorMessage } from '../../libs/errors/index.js';
import type { Logger } from '../../libs/log/index.js';
import { compilePolicyTextEnforced, type CompiledPolicy } from '../../libs/policy/index.js';

/**
 * The policy routing decides under, kept current from the policy bucket: a new version
 * takes effect for the next notice, with no restart. A version that does not compile
 * (it was checked when applied, so this means tampering or a newer schema) is refused
 * and the one in force stays. A version whose rules would break an engine invariant (one
 * applied before `policy apply` checked them) stays in force, logged: the engine removes
 * what an invariant forbids from every decision whatever the rules say.
 */
export class PolicyInForce {
  private policy: CompiledPolicy | undefined;
  private watcher: { stop(): void } | undefined;

  constructor(private readonly log: Logger) {}

  async start(kv: KV): Promise<void> {
    if (!(await currentPolicy(kv))) {
      throw new AccordError('E_STATE', 'no policy has been applied on the bus (run `accord policy apply FILE`)');
    }
    let first: (() => void) | undefined;
    const loaded = new Promise<void>((resolve) => (first = resolve));
    this.watcher = await watchPolicy(
      kv,
      (stored) => {
        try {
          const { policy, invariantProblems } = compilePolicyTextEnforced(stored.text, `${stored.name}@${stored.version}`, stored.version);
          this.policy = policy;
          this.log.info('policy in force', { policyVersion: policy.version });
          if (invariantProblems.length > 0) {
            this.log.warn('policy rules would break engine invariants; the engine enforces them', {
              policyVersion: policy.version,
              count: invariantProblems.length,
              path: invariantProblems[0]?.path,
            });
          }
        } catch (error) {
          this.log.error('policy refused; the previous one stays in force', {
            policyVersion: String(stored.version),
            error: errorMessage(error),
          });
        }
        first?.();
      },
      (error) => this.log.error('policy watch failed', { error: errorMessage(error) }),
    );
    await loaded;
  }

  get current(): CompiledPolicy {
    if (!this.policy) throw new AccordError('E_STATE', 'no usable policy is in force', { retryable: true });
    return this.policy;
  }

  get version(): string | undefined {
    return this.policy?.version;
  }

  stop(): void {
    this.watcher?.stop();
  }
}
