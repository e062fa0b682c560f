import protobuf from 'protobufjs';
import descriptor from './generated/descriptor.json' with { type: 'json' };

/** Reflection over the same descriptors as the generated code, for the JSON mapping. */
export const reflectionRoot: protobuf.Root = protobuf.Root.fromJSON(descriptor);
