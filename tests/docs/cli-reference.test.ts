import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { sourceCoreEntry } from '../core/core-entry';
import { buildProgram } from '../../electron/cli/program';
import { exitCodeFor } from '../../electron/cli/exit-codes';
import { channelNames, eventNames } from '../../shared/channels';
import { errorKinds } from '../../shared/errors';
import { ruleCategories } from '../../shared/rules/types';
import { workflowActions, workflowTable } from '../../shared/workflow';

// The docs promise things other tools and people rely on: the CLI reference
// must name every command and option the program has, and nothing it lacks;
// the lists of channels, events, categories and error kinds must follow the
// code; and every relative link must lead somewhere. Each failure names the
// page, the line and what is missing where.

const cliPage = 'docs/cli.md';
const docPages = ['README.md', 'SECURITY.md', 'BENCHMARKS.md', ...fs.readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

// ---- Markdown, as much of it as these checks need ----

interface Line {
  number: number;
  text: string;
  /** Inside a fenced code block. */
  fenced: boolean;
}

function linesOf(file: string): Line[] {
  let fenced = false;
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((text, i) => {
      const fence = /^\s*```/.test(text);
      if (fence) fenced = !fenced;
      return { number: i + 1, text, fenced: fenced || fence };
    });
}

/** Inline code spans outside fenced blocks, with the line each starts on (a span may run over a line break). */
function codeSpans(lines: Line[]): { line: number; code: string }[] {
  const spans: { line: number; code: string }[] = [];
  const prose = lines.filter((l) => !l.fenced);
  // Spans never cross a blank line; join each paragraph and map offsets back to lines.
  let paragraph: Line[] = [];
  const flush = () => {
    const starts: number[] = [];
    let text = '';
    for (const l of paragraph) {
      starts.push(text.length);
      text += `${l.text}\n`;
    }
    for (const m of text.matchAll(/(`+)([^`]+?)\1/g)) {
      const at = starts.filter((s) => s <= m.index).length - 1;
      spans.push({ line: paragraph[at]!.number, code: m[2]!.replace(/\s+/g, ' ').trim() });
    }
    paragraph = [];
  };
  for (const l of prose) {
    if (l.text.trim() === '') flush();
    else paragraph.push(l);
  }
  flush();
  return spans;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const l of linesOf(file)) {
    const m = !l.fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(l.text);
    if (!m) continue;
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** The lines of one section: from its heading to the next heading of the same or a higher level. */
function section(file: string, heading: string): Line[] {
  const lines = linesOf(file);
  const start = lines.findIndex((l) => !l.fenced && l.text.replace(/^#+\s+/, '') === heading && /^#+\s/.test(l.text));
  if (start < 0) throw new Error(`${file} has no heading "${heading}"`);
  const level = /^#+/.exec(lines[start]!.text)![0].length;
  const end = lines.findIndex((l, i) => i > start && !l.fenced && /^#+\s/.test(l.text) && /^#+/.exec(l.text)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Every `name` in backticks in the table rows of some lines. */
function tableNames(lines: Line[], column?: number): string[] {
  return lines
    .filter((l) => l.text.startsWith('|') && !/^\|[-| ]+\|$/.test(l.text))
    .flatMap((l) => {
      const cells = l.text.split('|').slice(1, -1);
      const text = column === undefined ? cells.join('|') : (cells[column] ?? '');
      return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    });
}

// ---- The program, walked ----

interface CliCommand {
  /** `profiles add`; '' is the program itself. */
  path: string;
  command: Command;
  /** Every long option, `--help` and `--version` included. */
  longs: Set<string>;
  leaf: boolean;
}

const silent = { out: () => {}, err: () => {}, stdin: () => '', rendererDir: '/nonexistent', coreEntry: sourceCoreEntry };
const program = buildProgram(silent);

function walk(command: Command, prefix: string): CliCommand[] {
  const longs = new Set<string>();
  for (const option of [...command.options, ...command.createHelp().visibleOptions(command)]) if (option.long) longs.add(option.long);
  const self: CliCommand = { path: prefix, command, longs, leaf: command.commands.length === 0 };
  return [self, ...command.commands.flatMap((sub) => walk(sub, prefix ? `${prefix} ${sub.name()}` : sub.name()))];
}

const commands = walk(program, '');
const byPath = new Map(commands.map((c) => [c.path, c]));
const shown = (c: CliCommand) => `countersign${c.path ? ` ${c.path}` : ''}`;

interface Invocation {
  file: string;
  line: number;
  /** The command it resolves to, or what is wrong: a word where a subcommand should be that is not one. */
  command: CliCommand | string;
  options: string[];
}

/** `countersign profiles add --name …` → the command and the long options named after it. */
function invocation(file: string, line: number, words: string): Invocation {
  const tokens = words.trim().split(/\s+/).filter(Boolean);
  let current = byPath.get('')!;
  let i = 0;
  for (; i < tokens.length && /^[a-z][a-z-]*$/.test(tokens[i]!) && !current.leaf; i++) {
    const next = byPath.get(current.path ? `${current.path} ${tokens[i]}` : tokens[i]!);
    if (!next) {
      const known = current.command.commands.map((c) => c.name()).join(', ');
      return { file, line, command: `\`${shown(current)} ${tokens[i]}\`, which the program does not have (\`${shown(current)}\` has: ${known})`, options: [] };
    }
    current = next;
  }
  const options = tokens.slice(i).flatMap((t) => [...t.matchAll(/--[a-z][a-z0-9-]*/g)].map((m) => m[0]));
  return { file, line, command: current, options };
}

/** Command lines in fenced blocks (with their indented continuation lines) and code spans that run `countersign`. */
function invocationsIn(file: string): Invocation[] {
  const lines = linesOf(file);
  const found: Invocation[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const m = l.fenced && /^\s*(?:npx )?countersign(?= |$)(.*)$/.exec(l.text);
    if (!m) continue;
    let words = m[1]!.replace(/#.*$/, '');
    while (i + 1 < lines.length && lines[i + 1]!.fenced && /^\s{2,}\S/.test(lines[i + 1]!.text) && !/^\s*```/.test(lines[i + 1]!.text)) {
      words += ` ${lines[++i]!.text}`;
    }
    found.push(invocation(file, l.number, words));
  }
  const topLevel = new Set(program.commands.map((c) => c.name()));
  for (const span of codeSpans(lines)) {
    const m = /^(?:npx )?countersign(?= |$)(.*)$/.exec(span.code);
    if (m) found.push(invocation(file, span.line, m[1]!));
    // On the CLI's own pages, `submit --save` means `countersign submit --save`.
    else if ((file === cliPage || file === 'README.md') && topLevel.has(span.code.split(' ')[0]!) && / --/.test(span.code)) {
      found.push(invocation(file, span.line, span.code));
    }
  }
  return found;
}

/** What each invocation names that the program does not have. */
function unknownNames(invocations: Invocation[]): string[] {
  return invocations.flatMap((inv) => {
    if (typeof inv.command === 'string') return [`${inv.file}:${inv.line} names the command ${inv.command}`];
    const cmd = inv.command;
    return inv.options
      .filter((o) => !cmd.longs.has(o))
      .map((o) => `${inv.file}:${inv.line} gives \`${shown(cmd)}\` the option ${o}, which it does not have (it has: ${[...cmd.longs].join(' ')})`);
  });
}

describe('docs/cli.md and the program', () => {
  const cliLines = linesOf(cliPage);
  const synopsis = invocationsIn(cliPage).filter((inv) => cliLines[inv.line - 1]!.fenced);
  const globalLine = cliLines.find((l) => l.text.includes('Every command takes'));
  const globalOptions = globalLine ? [...`${globalLine.text} ${cliLines[globalLine.number]?.text ?? ''}`.matchAll(/--[a-z][a-z0-9-]*/g)].map((m) => m[0]) : [];

  it('the program has commands to check (the walk works)', () => {
    expect(commands.filter((c) => c.leaf).length).toBeGreaterThan(15);
    expect(globalOptions, 'what docs/cli.md says every command takes').toEqual(['--data-dir', '--help']);
  });

  it('every command has a synopsis line in docs/cli.md that names each of its long options', () => {
    const problems: string[] = [];
    for (const cmd of commands) {
      const lines = synopsis.filter((inv) => inv.command === cmd);
      const documented = new Set(lines.flatMap((inv) => inv.options));
      // Options the page says every command takes need not be repeated on each line.
      const owed = [...cmd.longs].filter((o) => !globalOptions.includes(o));
      if (lines.length === 0 && (cmd.leaf || owed.length > 0)) {
        problems.push(`${cliPage}: no synopsis line for \`${shown(cmd)}\` (${cmd.command.description()})`);
        continue;
      }
      for (const option of owed.filter((o) => !documented.has(o))) {
        problems.push(`${cliPage}: the synopsis of \`${shown(cmd)}\` (line ${lines.map((l) => l.line).join(', ')}) does not mention its option ${option}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the options docs/cli.md says every command takes are on every command', () => {
    const problems = commands
      .filter((c) => c.leaf)
      .flatMap((cmd) => globalOptions.filter((o) => !cmd.longs.has(o)).map((o) => `${cliPage}:${globalLine?.number} says every command takes ${o}, but \`${shown(cmd)}\` does not`));
    expect(problems).toEqual([]);
  });

  it('every command and option docs/cli.md names exists in the program', () => {
    const problems = unknownNames(invocationsIn(cliPage));
    const allLongs = new Set(commands.flatMap((c) => [...c.longs]));
    for (const l of cliLines) {
      for (const m of l.text.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)) {
        if (!allLongs.has(m[0])) problems.push(`${cliPage}:${l.number} names the option ${m[0]}, which no command has`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every workflow action has the CLI command workflowTable names for it', () => {
    for (const action of workflowActions) {
      const [name, ...flags] = workflowTable[action].command.split(' ');
      const command = byPath.get(name!);
      expect(command, `countersign ${name} (${action})`).toBeDefined();
      for (const flag of flags) expect(command?.longs.has(flag), `countersign ${name} ${flag} (${action})`).toBe(true);
    }
  });

  it('every `countersign …` in the other pages names a real command and its real options', () => {
    const problems = docPages.filter((f) => f !== cliPage).flatMap((f) => unknownNames(invocationsIn(f)));
    expect(problems).toEqual([]);
  });
});

describe('lists in the docs that follow the code', () => {
  it('docs/ARCHITECTURE.md lists exactly the contract’s channels and events', () => {
    const channels = tableNames(section('docs/ARCHITECTURE.md', 'Channels'));
    const events = tableNames(section('docs/ARCHITECTURE.md', 'Events'), 0);
    expect([...channels].sort(), 'the Channels table against shared/channels.ts channelNames').toEqual([...channelNames].sort());
    expect([...events].sort(), 'the Events table against shared/channels.ts eventNames').toEqual([...eventNames].sort());
  });

  it('docs/loopback-host.md lists exactly the events the stream carries', () => {
    const events = tableNames(section('docs/loopback-host.md', 'Events'), 0);
    expect([...events].sort(), 'its Events table against shared/channels.ts eventNames').toEqual([...eventNames].sort());
  });

  it('docs/rule-checks.md lists exactly the built-in categories', () => {
    const categories = tableNames(section('docs/rule-checks.md', 'The built-in policy'), 0);
    expect([...categories].sort(), 'its category table against ruleCategories').toEqual([...ruleCategories].sort());
  });

  it('docs/ARCHITECTURE.md maps every error kind to the CLI exit code the CLI uses', () => {
    const rows = section('docs/ARCHITECTURE.md', 'Errors').filter((l) => /^\| `/.test(l.text));
    const table = rows.map((l) => {
      const [kind, , exit] = l.text.split('|').slice(1, -1).map((c) => c.trim());
      return [kind!.replace(/`/g, ''), Number(exit)] as const;
    });
    const byKind = (rows: readonly (readonly [string, number])[]) => [...rows].sort(([a], [b]) => a.localeCompare(b));
    expect(byKind(table), 'the Errors table against errorKinds and exitCodeFor').toEqual(byKind(errorKinds.map((k) => [k, exitCodeFor(k)] as const)));
  });

  it('the state diagram in docs/workflow.md has exactly the transitions of workflowTable', () => {
    const lines = linesOf('docs/workflow.md');
    const start = lines.findIndex((l) => l.text.trim() === '```mermaid');
    expect(start, 'docs/workflow.md has a ```mermaid block').toBeGreaterThanOrEqual(0);
    const drawn = lines
      .slice(start + 1)
      .filter((l, i, all) => all.slice(0, i + 1).every((x) => !/^\s*```$/.test(x.text)))
      .map((l) => l.text.trim())
      .filter((t) => t.includes('-->'));
    const table = workflowActions.flatMap((action) => {
      const rule = workflowTable[action];
      if (rule.to === 'same') return [];
      const to = rule.to === 'approval' ? ['approved', 'awaiting_author'] : [rule.to];
      return rule.from.flatMap((from) => to.map((t) => `${from ?? '[*]'} --> ${t}: ${action}`));
    });
    expect([...drawn].sort()).toEqual([...table].sort());
  });
});

describe('links in README.md, SECURITY.md, BENCHMARKS.md and docs/', () => {
  it('every relative link leads to a file, and every #anchor to a heading in it', () => {
    const problems: string[] = [];
    for (const file of docPages) {
      for (const l of linesOf(file)) {
        if (l.fenced) continue;
        const text = l.text.replace(/`[^`]*`/g, '');
        for (const m of text.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
          const target = m[1]!;
          if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:
          const [filePart, anchor] = target.split('#') as [string, string | undefined];
          const resolved = filePart === '' ? file : path.normalize(path.join(path.dirname(file), decodeURIComponent(filePart)));
          if (!fs.existsSync(resolved)) {
            problems.push(`${file}:${l.number} links to ${target}: no file ${resolved}`);
            continue;
          }
          if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) {
            problems.push(`${file}:${l.number} links to ${target}: ${resolved} has no heading with the anchor #${anchor}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
