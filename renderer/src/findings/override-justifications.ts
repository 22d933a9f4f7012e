import { createContext, useContext, useMemo, useState } from 'react';
import type { Finding } from '../../../shared/rules/types';

/**
 * The justifications a reviewer writes to approve over `error` findings, by
 * finding. The findings panel and the Approve dialog edit the same ones, so
 * what is written beside a finding is what Approve sends.
 */
export interface Justifications {
  get(finding: Finding): string;
  set(finding: Finding, justification: string): void;
}

/** How approval names a finding it overrides: its rule and where it starts (see shared/contract.ts). */
const overrideKey = (f: Pick<Finding, 'ruleId' | 'start'>) => `${f.ruleId}:${f.start}`;

const none: ReadonlyMap<string, string> = new Map();

/** Justifications kept until `scope` changes: a new revision has new findings, so they start empty again. */
export function useJustificationStore(scope: string): Justifications {
  const [state, setState] = useState<{ scope: string; values: ReadonlyMap<string, string> }>({ scope, values: none });
  const values = state.scope === scope ? state.values : none;
  return useMemo(
    () => ({
      get: (finding) => values.get(overrideKey(finding)) ?? '',
      set: (finding, justification) =>
        setState((prev) => ({ scope, values: new Map(prev.scope === scope ? prev.values : none).set(overrideKey(finding), justification) })),
    }),
    [scope, values],
  );
}

const JustificationsContext = createContext<Justifications | null>(null);

/** A draft pane shares its justifications with the dialogs opened inside it. */
export const JustificationsProvider = JustificationsContext.Provider;

/** The pane's justifications, or this component's own where there is no pane. */
export function useJustifications(): Justifications {
  const own = useJustificationStore('own');
  return useContext(JustificationsContext) ?? own;
}
