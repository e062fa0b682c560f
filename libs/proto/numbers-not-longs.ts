import $protobuf from 'protobufjs/minimal.js';

// 64-bit fields (stream sequences, timestamps' seconds) are plain numbers: every value
// Accord puts in them is far below 2^53. Must run before the generated module loads,
// which reads util.Long when it defines its defaults.
$protobuf.util.Long = null as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
