// The job kinds this build knows, by the name the API starts them with.

import type { JobKind } from '../../shared/jobs';
import { DISCOVER_JOB } from './discoverJobDefinition';
import type { AnyJobDefinition } from './jobDefinition';
import { SEARCH_JOB } from './searchJobDefinition';
import { TRAIN_JOB } from './trainJobDefinition';
import { VERIFY_JOB } from './verifyJobDefinition';

export const JOB_DEFINITIONS: Readonly<Record<JobKind, AnyJobDefinition>> = {
  verify: VERIFY_JOB as unknown as AnyJobDefinition,
  search: SEARCH_JOB as unknown as AnyJobDefinition,
  train: TRAIN_JOB as unknown as AnyJobDefinition,
  discover: DISCOVER_JOB as unknown as AnyJobDefinition,
};
