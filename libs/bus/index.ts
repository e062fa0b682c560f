export { SERVICES, buckets, consumers, streams } from './names.js';
export { parseSubject, subjects } from './subjects.js';
export type { AdapterRequest, PreviewRequest, WidenOp } from './subjects.js';
export { messageIds } from './message-ids.js';
export type { ServiceName } from './names.js';
export { DEFAULT_BUS_SETTINGS } from './bus-settings.js';
export { APPEND_ONLY_STREAMS, inboxConsumerConfig, nodeConsumerConfig, streamConfigs } from './stream-configs.js';
export type { BusSettings } from './bus-settings.js';
export { ensureInboxConsumer, ensureNodeConsumer, ensureStreams, requireStreams } from './ensure-streams.js';
export { connectBus } from './connect.js';
export type { BusConnectionOptions } from './connect.js';
export {
  createRegistryBuckets,
  deleteAgency,
  getAgency,
  openRegistryBuckets,
  putAgency,
  putAgencyKey,
  watchRegistry,
} from './registry-kv.js';
export type { LiveRegistry, RegistryBuckets } from './registry-kv.js';
export { publishServiceEvents } from './service-events.js';
export { identityName, inboxPrefix } from './identities.js';
export type { Identity } from './identities.js';
export { permissionsFor } from './permissions.js';
export type { Permissions } from './permissions.js';
export { consumeDurable, type ConsumeDurableOptions } from './consume-durable.js';
export { createWriterLeaseBucket, WriterLease } from './writer-lease.js';
export { createPolicyBucket, currentPolicy, openPolicyBucket, storePolicy, watchPolicy } from './policy-kv.js';
export type { StoredPolicy } from './policy-kv.js';
export { createNoticeRegisterBucket, openNoticeRegister } from './notice-register.js';
export type { NoticeRegister, RecordChange } from './notice-register.js';
export { createWidenBucket, openWidenBook } from './widen-book.js';
export { createStatisticsBucket, openStatisticsBucket } from './statistics-bucket.js';
export { isWriteConflict } from './write-conflict.js';
export type { StoredWiden, WidenBook } from './widen-book.js';
