import path from 'node:path';
import type { CoreEntry } from '../../electron/web-host/core-child';

/** Where tests/build-core.ts bundles the core's entry before the tests run. */
export const testCoreFile = path.resolve(__dirname, '../../node_modules/.cache/countersign-test/core.js');

/** The core's entry, bundled from source as the build bundles it: tests start the real core process. */
export const sourceCoreEntry: CoreEntry = { file: testCoreFile };
