/** The portable file format: reading, running scenarios, reports, expectations and export. */
export { parseScenario, parseWorkspace } from './parse';
export { runScenario, type RunOptions, type ScenarioRun } from './run';
export { exportWorkspace, type ExportOptions } from './export';
export { checkExpectations } from './expect';
export { buildReport, REPORT_FORMAT, type Report } from './report';
export { formatDiagnostic, type FileDiagnostic, type FileResult } from './diagnostics';
export { simulate, summarize } from './simulate';
