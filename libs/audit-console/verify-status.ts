import type { Lang } from '../console/index.js';
import type { VerifyState } from './audit-console-models.js';
import { at } from './i18n/audit-translate.js';

/** What /verify/status answers, for the page's script: the state, the progress in whole percent, a line to show. */
export interface VerifyStatusJson {
  state: VerifyState['state'];
  percent: number;
  checked: number;
  /** The line the page shows while it runs, in the page's language. */
  text: string;
}

/** Progress in whole percent: 100 only once done, so a bar never shows full while work remains. */
export function progressPercent(state: VerifyState): number {
  switch (state.state) {
    case 'idle':
      return 0;
    case 'running':
      return Math.min(99, Math.floor(state.fraction * 100));
    case 'done':
    case 'failed':
      return 100;
  }
}

export function verifyStatusJson(lang: Lang, state: VerifyState): VerifyStatusJson {
  const checked = state.state === 'running' ? state.checked : state.state === 'done' ? state.outcome.count : 0;
  return {
    state: state.state,
    percent: progressPercent(state),
    checked,
    text: state.state === 'running' ? at(lang, 'verify.running', { checked }) : '',
  };
}
