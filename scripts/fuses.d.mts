// Types of fuses.mjs (the script runs in plain Node; the tests import it from TypeScript).

import type { FuseConfig } from '@electron/fuses';

export const FUSE_CONFIG: Readonly<FuseConfig>;
export function fuseRefusal(binary: string): string | undefined;
export function fuseMismatches(binary: string): Promise<string[]>;
