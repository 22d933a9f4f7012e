import type { ListEntry, PolicyFile, RulePack } from '../../../../shared/rules/policy-schema';
import { severities } from '../../../../shared/rules/types';

/** A rule's severity in a policy file; the same list as the schema's, without loading the schema (zod) up front. */
export const severitySettings = ['off', ...severities] as const;
/** What a rule's select may hold. */
export type SeveritySetting = (typeof severitySettings)[number];

/** The lists the policy screen edits; any other lists in the file are kept as they are. */
export const editedLists = ['competitors', 'confidential'] as const;
/** The name of a list the screen edits. */
export type EditedList = (typeof editedLists)[number];

/** The built-in list the admin edits in place: additions go to `lists.companies`, removals to `exclude.companies`. */
export const builtInList = 'companies';

/** What the admin edits: each list as one term per line, severities that differ from the built-in ones, and the workflow settings. */
export interface PolicyForm {
  lists: Record<EditedList, string>;
  /** The built-in well-known companies with the team's changes, one per line. */
  companies: string;
  /** The team's cancelling contexts, one term per line: `term: context, context`. */
  homonyms: string;
  severities: Readonly<Record<string, SeveritySetting>>;
  /** A reviewer's edit counts as approved only once the author signs off (the default). */
  authorSignOffOnEdits: boolean;
}

const entryTerm = (entry: ListEntry): string => (typeof entry === 'string' ? entry : entry.term);

/** The built-in companies as the team's file leaves them. */
function companiesOf(file: PolicyFile, pack: RulePack): string[] {
  const dropped = new Set(file.exclude?.[builtInList] ?? []);
  const kept = (pack.lists[builtInList] ?? []).map(entryTerm).filter((term) => !dropped.has(term));
  return [...new Set([...kept, ...(file.lists?.[builtInList] ?? []).map(entryTerm)])];
}

/** The saved policy as the form shows it, so the form starts from what is in force. */
export function formFromPolicy(file: PolicyFile, pack: RulePack): PolicyForm {
  const lines = (name: string) => (file.lists?.[name] ?? []).map(entryTerm).join('\n');
  return {
    lists: { competitors: lines('competitors'), confidential: lines('confidential') },
    companies: companiesOf(file, pack).join('\n'),
    homonyms: Object.entries(file.homonyms ?? {})
      .map(([term, contexts]) => `${term}: ${contexts.join(', ')}`)
      .join('\n'),
    severities: Object.fromEntries(Object.entries(file.rules ?? {}).map(([id, rule]) => [id, rule.severity])),
    authorSignOffOnEdits: file.workflow?.authorSignOffOnEdits ?? true,
  };
}

/** Trimmed, non-empty, without repeats, in the order written. */
export function termsOf(lines: string): string[] {
  return [...new Set(lines.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== ''))];
}

/** `term: context, context` per line (a full-width colon or comma works too); a line without contexts is left out. */
export function homonymsOf(lines: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of termsOf(lines)) {
    const at = line.search(/[:：]/);
    if (at <= 0) continue;
    const term = line.slice(0, at).trim();
    const contexts = line
      .slice(at + 1)
      .split(/[,，、]/)
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (term !== '' && contexts.length > 0) out[term] = [...new Set([...(out[term] ?? []), ...contexts])];
  }
  return out;
}

/** A severity choice; choosing the built-in severity drops the override, so the file stays minimal. */
export function withSeverity(form: PolicyForm, pack: RulePack, id: string, severity: SeveritySetting): PolicyForm {
  const { [id]: _previous, ...rest } = form.severities;
  const builtIn = pack.rules.find((rule) => rule.id === id)?.severity;
  return { ...form, severities: severity === builtIn ? rest : { ...rest, [id]: severity } };
}

/** The policy file the form describes, on top of the file it was loaded from. */
export function policyFromForm(form: PolicyForm, base: PolicyFile, pack: RulePack): PolicyFile {
  const lists: Record<string, ListEntry[]> = { ...base.lists };
  for (const name of editedLists) {
    // An entry written as an object ({term, caseSensitive}) keeps its settings while its term stays on the list.
    const previous = new Map((base.lists?.[name] ?? []).map((entry) => [entryTerm(entry), entry]));
    const terms = termsOf(form.lists[name]).map((term) => previous.get(term) ?? term);
    if (terms.length > 0) lists[name] = terms;
    else delete lists[name];
  }
  const builtIn = new Set((pack.lists[builtInList] ?? []).map(entryTerm));
  const companies = termsOf(form.companies);
  const wanted = new Set(companies);
  const added = companies.filter((term) => !builtIn.has(term));
  const removed = [...builtIn].filter((term) => !wanted.has(term));
  if (added.length > 0) lists[builtInList] = added;
  else delete lists[builtInList];
  const exclude: Record<string, string[]> = { ...base.exclude };
  if (removed.length > 0) exclude[builtInList] = removed;
  else delete exclude[builtInList];
  const homonyms = homonymsOf(form.homonyms);
  const rules = Object.fromEntries(Object.entries(form.severities).map(([id, severity]) => [id, { severity }]));
  // The default (on) is written only where the file already said so, so the file stays minimal.
  const { authorSignOffOnEdits: _previous, ...otherWorkflow } = base.workflow ?? {};
  const keepSetting = !form.authorSignOffOnEdits || base.workflow?.authorSignOffOnEdits !== undefined;
  const workflow = { ...otherWorkflow, ...(keepSetting ? { authorSignOffOnEdits: form.authorSignOffOnEdits } : {}) };
  return {
    ...(base.extends ? { extends: base.extends } : {}),
    ...(Object.keys(lists).length > 0 ? { lists } : {}),
    ...(Object.keys(exclude).length > 0 ? { exclude } : {}),
    ...(Object.keys(homonyms).length > 0 ? { homonyms } : {}),
    ...(Object.keys(rules).length > 0 ? { rules } : {}),
    ...(base.workflow || Object.keys(workflow).length > 0 ? { workflow } : {}),
  };
}
