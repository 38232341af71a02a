import '@testing-library/jest-dom';
import { failTestsOnConsoleOutput } from '@dockyard/test-utils/consoleGuard';

// Console output fails the test that wrote it; the few warnings raised inside dependencies
// that no test can avoid are listed, with their reasons, in the guard.
failTestsOnConsoleOutput();
