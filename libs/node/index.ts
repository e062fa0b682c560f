export { nodeLayout, type NodeLayout } from './node-layout.js';
export { DEFAULT_RETENTION_DAYS, parseNodeConfig, readNodeConfig, writeNodeConfig, type NodeConfig } from './node-config.js';
export { openNodeDatabase, type NodeDatabase } from './node-database.js';
export { newViewKey, ViewCipher, VIEW_KEY_BYTES } from './view-cipher.js';
export { openNode, type OpenNode } from './open-node.js';
export { initNode, renewNodeCredentials, type InitNodeResult, type NodeSource, type RenewedCredentials } from './init-node.js';
