import fs from 'node:fs';
import { pickLocale, type Locale } from '../../shared/i18n/translate';
import type { Platform } from '../../shared/model';
import { check, compilePolicy, type CompiledPolicy } from '../../shared/rules/engine';
import type { CheckResult } from '../../shared/rules/types';
import { maxDraftLength } from '../../shared/text-rules';
import { CountersignError } from '../../shared/errors';
import { resolveDataDir } from '../core/data-dir';
import { openNodeSettings } from '../core/settings';
import { CliFailure } from './cli-failure';
import { exitCodes } from './exit-codes';

export interface CheckOptions {
  platform: Platform;
  policy?: string;
  format: 'text' | 'json' | 'jsonl';
  locale?: Locale;
  dataDir?: string;
}

interface Input {
  name: string;
  text: string;
}

function readInput(file: string, stdin: () => string): Input {
  let text: string;
  try {
    text = file === '-' ? stdin() : fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliFailure(`Cannot read ${file === '-' ? 'standard input' : file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.length > maxDraftLength) {
    throw new CliFailure(`${file === '-' ? 'standard input' : file} has ${text.length} characters; a draft may hold at most ${maxDraftLength}.`);
  }
  return { name: file, text };
}

/** `--policy FILE`, else the data directory's policy (which defaults to the built-in one). */
function loadPolicy(options: CheckOptions): CompiledPolicy {
  try {
    if (options.policy) {
      let source: unknown;
      try {
        source = JSON.parse(fs.readFileSync(options.policy, 'utf8').replace(/^\uFEFF/, ''));
      } catch (err) {
        throw new CliFailure(`The policy ${options.policy} cannot be read as JSON: ${err instanceof Error ? err.message : String(err)}`);
      }
      return compilePolicy(source, { file: options.policy });
    }
    const settings = openNodeSettings(resolveDataDir(options.dataDir));
    return compilePolicy(settings.policy, { file: settings.path });
  } catch (err) {
    if (err instanceof CountersignError) throw new CliFailure(err.message);
    throw err;
  }
}

function textLines(input: Input, result: CheckResult): string[] {
  const lines = [`${input.name}: ${result.platform} ${result.length.used}/${result.length.limit}`];
  for (const f of result.findings) {
    const before = input.text.slice(0, f.start);
    const line = before.split('\n').length;
    const column = f.start - before.lastIndexOf('\n');
    lines.push(`${input.name}:${line}:${column}: ${f.severity} ${f.category} ${f.ruleId}: ${f.message}${f.suggestion ? ` — ${f.suggestion}` : ''}`);
  }
  return lines;
}

/** Checks each input against one compiled policy; resolves to the exit code (1 when any `error` finding). */
export function runCheck(files: string[], options: CheckOptions, io: { out: (t: string) => void; err: (t: string) => void; stdin: () => string }): number {
  const inputs = (files.length === 0 ? ['-'] : files).map((f) => readInput(f, io.stdin));
  const policy = loadPolicy(options);
  for (const warning of policy.warnings) io.err(`warning: ${warning}`);
  const locale = options.locale ?? pickLocale([process.env.LC_ALL ?? process.env.LANG ?? 'en']);
  const results = inputs.map((input) => ({ input, result: check(policy, input.text, { platform: options.platform, locale }) }));

  if (options.format === 'json') {
    const objects = results.map(({ input, result }) => (inputs.length === 1 ? result : { file: input.name, ...result }));
    io.out(JSON.stringify(inputs.length === 1 ? objects[0] : objects, null, 2));
  } else if (options.format === 'jsonl') {
    for (const { input, result } of results) io.out(JSON.stringify({ file: input.name, ...result }));
  } else {
    for (const { input, result } of results) io.out(textLines(input, result).join('\n'));
  }
  const anyError = results.some(({ result }) => result.findings.some((f) => f.severity === 'error'));
  return anyError ? exitCodes.refused : exitCodes.done;
}
