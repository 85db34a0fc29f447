import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that run for many minutes while mostly idle (test/edge-offline-10min.test.ts keeps an edge cut off for ten
 * minutes): started first, each in a worker of its own, so that the rest of the suite runs beside them on the other
 * workers instead of after them.
 */
const LONG_IDLE = ['test/edge-offline-10min.test.ts'];
const isLongIdle = (f: TestSpecification): boolean => LONG_IDLE.some((l) => f.moduleId.replaceAll('\\', '/').endsWith(l));

class LongIdleFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter(isLongIdle), ...sorted.filter((f) => !isLongIdle(f))];
  }
}

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**', 'console/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
    sequence: { sequencer: LongIdleFirst },
    // Two busy workers at least (CI: 2 cores; vitest's own default there would be 1), or CPUs - 1, plus one worker
    // for each long idle file above. VITEST_MAX_WORKERS still overrides.
    maxWorkers: Math.max(availableParallelism() - 1, 2) + LONG_IDLE.length,
  },
});
