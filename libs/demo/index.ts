export { addDemoAgencies, DEMO_AGENCIES } from './demo-agencies.js';
export { DEMO_CONSOLE_LISTEN, DEMO_NODE_PORT, DEMO_NODES, type DemoAccount, type DemoNode } from './demo-nodes.js';
export { readSignIns, writeSignIns, type StoredSignIn, type StoredSignIns } from './demo-sign-ins.js';
export { setUpDemoNode, totpSecretOf, type DemoNodeSetUp, type DemoSignIn, type PasswordState } from './set-up-demo-node.js';
export { freeListen } from './free-listen.js';
export { cliHasVerb, logTail, startCliChild, waitUntilAnswering, type CliChild } from './cli-child.js';
export {
  formatRunSummary,
  SUMMARY_FIRST_LINE,
  SUMMARY_LAST_LINE,
  type ConsoleSummary,
  type RunningNodeSummary,
  type RunSummary,
} from './run-summary.js';
