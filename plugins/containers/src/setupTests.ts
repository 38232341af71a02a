import '@testing-library/jest-dom';
// The guard is plain TypeScript with no Node dependency; only the package's other helpers are Node's.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { failTestsOnConsoleOutput } from '@dockyard/test-utils/consoleGuard';

// Console output fails the test that wrote it; the few warnings raised inside dependencies
// that no test can avoid are listed, with their reasons, in the guard.
failTestsOnConsoleOutput();
