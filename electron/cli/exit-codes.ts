import type { ErrorKind } from '../../shared/errors';

/** The CLI's exit codes, an interface other tools rely on. */
export const exitCodes = {
  done: 0,
  /** Refused by the workflow or the policy. */
  refused: 1,
  /** Bad usage or bad input (including unknown ids and profiles, damaged data). */
  badInput: 2,
  /** Another process holds the data directory's write lock; try again later. */
  busy: 3,
} as const;

export function exitCodeFor(kind: ErrorKind): number {
  if (kind === 'refused') return exitCodes.refused;
  return kind === 'busy' ? exitCodes.busy : exitCodes.badInput;
}
