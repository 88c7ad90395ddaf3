// Prints the closing line CI reads, computed from Vitest's JSON report.
import fs from 'node:fs';

const file = process.argv[2];
// the static checks (types, lint, format, boundaries) that failed before the tests ran, each counted as a failure
const staticFailures = Number(process.argv[3] ?? 0);
if (!fs.existsSync(file)) {
  console.log(`0 passed, ${1 + staticFailures} failed`);
  console.error(`no test report at ${file}: the test run did not finish`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const failed =
  staticFailures +
  report.numFailedTests +
  (report.numRuntimeErrors ?? 0) +
  // a file that failed with no failing test of its own: it did not load, or a hook (beforeAll) failed and its tests were skipped
  report.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
console.log(`${report.numPassedTests} passed, ${failed} failed, ${report.numPendingTests + (report.numTodoTests ?? 0)} skipped`);
process.exit(failed > 0 || report.numPassedTests === 0 ? 1 : 0);
