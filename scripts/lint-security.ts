// The security lint gate: Doyensec's electronegativity over the app's sources.
//   npx tsx scripts/lint-security.ts [--root DIR] [--security-md FILE]
//
// Electronegativity's CLI exits 0 whatever it finds, so this runs its
// programmatic API (`require('@doyensec/electronegativity')`, the runner
// behind the CLI) and decides itself. Exit codes:
//   0  no HIGH finding, every MEDIUM finding explained in SECURITY.md
//   1  a HIGH finding, an unexplained MEDIUM finding, or a file the scanner could not parse
//   2  the scan itself could not run (bad arguments, nothing to scan)
//
// What is scanned: the sources that make up the shipped app — electron/ (main
// process, preload, protocol, IPC, core), renderer/ (index.html with its CSP
// meta tag, the React code), shared/ and package.json (the Electron version) —
// copied into a private temporary directory so that tests, e2e specs, scripts,
// build output and reports stay out of the scan. Not dist/: electronegativity's
// parser cannot read esbuild's bundles (it stops at class private fields, so a
// bundle would be silently unscanned), and a bundle's findings would point into
// third-party code rather than at a line anyone can fix. The sources need no
// build, so this runs right after `lint` in `npm test`.
//
// A MEDIUM finding is "explained" when SECURITY.md has a table row whose cells
// hold the check id and the file, e.g. `| MEDIUM | `PRELOAD_JS_CHECK` |
// `electron/main.ts` | why it does not apply |` (line numbers are not matched:
// they move with every edit).
//
// Offline and repeatable: the check that downloads Electron's release list
// from GitHub (AvailableSecurityFixesGlobalCheck) is excluded, and the tool's
// start-up fetch of translations from S3 is replaced by its bundled English
// strings.
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What gets scanned, relative to the root: the app's own sources. */
const scannedPaths = ['electron', 'renderer', 'shared', 'package.json'];

/** Needs the network (Electron's release list on GitHub): its answer would change from day to day. */
const excludedChecks = ['AvailableSecurityFixesGlobalCheck'];

const severityOrder = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
type Severity = (typeof severityOrder)[number];

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  shortenedURL?: string;
  severity: { name: Severity };
  confidence: { name: string };
  manualReview?: boolean;
  sample?: string;
}

interface RunResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Issue[];
}

type Runner = (options: {
  input: string;
  isRelative: boolean;
  customScan: string[];
  excludeFromScan: string[];
  parserPlugins: string[];
}) => Promise<RunResult>;

/** Loads electronegativity's runner with its translations taken from the package instead of the network. */
function loadRunner(): Runner {
  const requireHere = createRequire(import.meta.url);
  const packageDir = path.dirname(requireHere.resolve('@doyensec/electronegativity/package.json'));
  const runnerFile = path.join(packageDir, 'dist', 'runner.js');
  const requireTool = createRequire(runnerFile);
  const i18n = requireTool('i18n') as {
    configure(options: Record<string, unknown>): void;
    setLocale(locale: string): void;
  };
  const offlineI18n = (): Promise<void> => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: path.join(packageDir, 'dist', 'locales'),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
    return Promise.resolve();
  };
  // The runner (and the CLI) await `locales/i18n.js`, which asks S3 for a
  // translation of $LANG on every run. Put our offline version in its place.
  const i18nFile = path.join(packageDir, 'dist', 'locales', 'i18n.js');
  const stub = new Module(i18nFile);
  stub.filename = i18nFile;
  stub.loaded = true;
  stub.exports = offlineI18n;
  requireTool.cache[i18nFile] = stub;
  return requireTool(runnerFile) as Runner;
}

/** (check id, file) pairs that SECURITY.md's tables explain. */
function explainedFindings(markdown: string): Set<string> {
  const explained = new Set<string>();
  for (const line of markdown.split(/\r?\n/)) {
    if (!line.trimStart().startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim().replace(/^`|`$/g, ''));
    cells.forEach((cell, i) => {
      const file = cells[i + 1];
      if (/^[A-Z][A-Z0-9_]*_CHECK$/.test(cell) && file) explained.add(`${cell} ${file}`);
    });
  }
  return explained;
}

function stage(root: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-lint-security-'));
  for (const entry of scannedPaths) {
    const from = path.join(root, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, entry), { recursive: true });
  }
  return dir;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: { root: { type: 'string' }, 'security-md': { type: 'string' } },
      allowPositionals: false,
    }).values;
  } catch (err) {
    console.error(`lint:security: ${(err as Error).message}`);
    return 2;
  }
  const root = path.resolve(args.root ?? repoRoot);
  const securityMd = path.resolve(args['security-md'] ?? path.join(root, 'SECURITY.md'));
  const present = scannedPaths.filter((p) => fs.existsSync(path.join(root, p)));
  if (!present.some((p) => p !== 'package.json')) {
    console.error(`lint:security: nothing to scan under ${root} (expected ${scannedPaths.join(', ')})`);
    return 2;
  }

  const run = loadRunner();
  const staged = stage(root);
  let result: RunResult;
  try {
    result = await run({ input: staged, isRelative: true, customScan: [], excludeFromScan: excludedChecks.map((c) => c.toLowerCase()), parserPlugins: [] });
  } finally {
    fs.rmSync(staged, { recursive: true, force: true });
  }

  const explained = fs.existsSync(securityMd) ? explainedFindings(fs.readFileSync(securityMd, 'utf8')) : new Set<string>();
  const issues = [...result.issues].sort(
    (a, b) => severityOrder.indexOf(a.severity.name) - severityOrder.indexOf(b.severity.name) || a.file.localeCompare(b.file) || a.location.line - b.location.line,
  );

  console.log(`electronegativity over ${present.join(', ')} in ${root}`);
  console.log(`${result.atomicChecks} atomic and ${result.globalChecks} global checks (excluded: ${excludedChecks.join(', ')})\n`);
  const failures: string[] = [];
  for (const issue of issues) {
    const where = issue.file === 'N/A' ? 'N/A' : `${issue.file}:${issue.location.line}:${issue.location.column}`;
    const severity = issue.severity.name;
    let verdict = '';
    if (severity === 'HIGH') {
      verdict = 'FAIL';
      failures.push(`HIGH ${issue.id} at ${where}`);
    } else if (severity === 'MEDIUM') {
      if (explained.has(`${issue.id} ${issue.file}`)) verdict = 'explained in SECURITY.md';
      else {
        verdict = 'FAIL: not explained in SECURITY.md';
        failures.push(`MEDIUM ${issue.id} at ${where} is neither fixed nor explained in ${path.relative(root, securityMd) || securityMd}`);
      }
    }
    console.log(`${severity.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id}  ${where}${verdict ? `  [${verdict}]` : ''}`);
    console.log(`              ${issue.description}${issue.manualReview ? ' (manual review)' : ''}${issue.shortenedURL ? ` ${issue.shortenedURL}` : ''}`);
    if (issue.sample && issue.id.startsWith('CSP')) console.log(`              ${issue.sample}`);
  }
  for (const error of result.errors) {
    console.log(`${error.tolerable ? 'parse warning' : 'PARSE ERROR'}  ${error.file}: ${error.message}`);
    if (!error.tolerable) failures.push(`${error.file} could not be parsed, so it was not scanned: ${error.message}`);
  }

  const count = (s: Severity) => issues.filter((i) => i.severity.name === s).length;
  console.log(`\n${issues.length} findings: HIGH ${count('HIGH')}, MEDIUM ${count('MEDIUM')}, LOW ${count('LOW')}, INFORMATIONAL ${count('INFORMATIONAL')}`);
  if (failures.length > 0) {
    console.log(`\nFAIL: lint:security`);
    for (const f of failures) console.log(`  - ${f}`);
    console.log('Fix HIGH findings. Fix a MEDIUM finding, or add a row for it (check id and file) to the electronegativity table in SECURITY.md saying why it does not apply.');
    return 1;
  }
  console.log('\nPASS: lint:security (no HIGH finding; every MEDIUM finding explained in SECURITY.md)');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`lint:security could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 2;
  },
);
