// Prints the closing line CI reads, computed from Vitest's JSON report.
import fs from 'node:fs';

const file = process.argv[2];
if (!fs.existsSync(file)) {
  console.log('0 passed, 1 failed');
  console.error(`no test report at ${file}: the test run did not finish`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const failed = report.numFailedTests + (report.numRuntimeErrors ?? 0) + report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
console.log(`${report.numPassedTests} passed, ${failed} failed, ${report.numPendingTests + (report.numTodoTests ?? 0)} skipped`);
process.exit(failed > 0 || report.numPassedTests === 0 ? 1 : 0);
