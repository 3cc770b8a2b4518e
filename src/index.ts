/** What a Vigil config file may import: `import { defineConfig } from 'vigil'`. */
export { defineConfig, httpCheck, type CheckInput, type VigilConfigInput } from './config/define';
export type { CheckResult, Observation, Phases, AssertionResult } from './domain/check-result';
