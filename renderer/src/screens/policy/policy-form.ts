import type { PolicyFile, RulePack } from '../../../../shared/rules/policy-schema';
import { severities } from '../../../../shared/rules/types';

/** A rule's severity in a policy file; the same list as the schema's, without loading the schema (zod) up front. */
export const severitySettings = ['off', ...severities] as const;
/** What a rule's select may hold. */
export type SeveritySetting = (typeof severitySettings)[number];

/** The lists the policy screen edits; any other lists in the file are kept as they are. */
export const editedLists = ['competitors', 'confidential'] as const;
/** The name of a list the screen edits. */
export type EditedList = (typeof editedLists)[number];

/** What the admin edits: each list as one term per line, severities that differ from the built-in ones, and the workflow settings. */
export interface PolicyForm {
  lists: Record<EditedList, string>;
  severities: Readonly<Record<string, SeveritySetting>>;
  /** A reviewer's edit counts as approved only once the author signs off (the default). */
  authorSignOffOnEdits: boolean;
}

/** The saved policy as the form shows it, so the form starts from what is in force. */
export function formFromPolicy(file: PolicyFile): PolicyForm {
  return {
    lists: { competitors: (file.lists?.competitors ?? []).join('\n'), confidential: (file.lists?.confidential ?? []).join('\n') },
    severities: Object.fromEntries(Object.entries(file.rules ?? {}).map(([id, rule]) => [id, rule.severity])),
    authorSignOffOnEdits: file.workflow?.authorSignOffOnEdits ?? true,
  };
}

/** Trimmed, non-empty, without repeats, in the order written. */
export function termsOf(lines: string): string[] {
  return [...new Set(lines.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== ''))];
}

/** A severity choice; choosing the built-in severity drops the override, so the file stays minimal. */
export function withSeverity(form: PolicyForm, pack: RulePack, id: string, severity: SeveritySetting): PolicyForm {
  const { [id]: _previous, ...rest } = form.severities;
  const builtIn = pack.rules.find((rule) => rule.id === id)?.severity;
  return { ...form, severities: severity === builtIn ? rest : { ...rest, [id]: severity } };
}

/** The policy file the form describes, on top of the file it was loaded from. */
export function policyFromForm(form: PolicyForm, base: PolicyFile): PolicyFile {
  const lists: Record<string, string[]> = { ...base.lists };
  for (const name of editedLists) {
    const terms = termsOf(form.lists[name]);
    if (terms.length > 0) lists[name] = terms;
    else delete lists[name];
  }
  const rules = Object.fromEntries(Object.entries(form.severities).map(([id, severity]) => [id, { severity }]));
  // The default (on) is written only where the file already said so, so the file stays minimal.
  const { authorSignOffOnEdits: _previous, ...otherWorkflow } = base.workflow ?? {};
  const keepSetting = !form.authorSignOffOnEdits || base.workflow?.authorSignOffOnEdits !== undefined;
  const workflow = { ...otherWorkflow, ...(keepSetting ? { authorSignOffOnEdits: form.authorSignOffOnEdits } : {}) };
  return {
    ...(base.extends ? { extends: base.extends } : {}),
    ...(Object.keys(lists).length > 0 ? { lists } : {}),
    ...(Object.keys(rules).length > 0 ? { rules } : {}),
    ...(base.workflow || Object.keys(workflow).length > 0 ? { workflow } : {}),
  };
}
