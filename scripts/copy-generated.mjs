// tsc emits only what it compiles; the generated protobuf module is JavaScript already.
import { cpSync } from 'node:fs';

cpSync('libs/proto/generated', 'dist/libs/proto/generated', { recursive: true });
