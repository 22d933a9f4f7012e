import type { ErrorKind } from '../../shared/errors';

/** The CLI's exit codes, an interface other tools rely on. */
export const exitCodes = {
  done: 0,
  /** Refused by the workflow or the policy. */
  refused: 1,
  /** Bad usage or bad input (including unknown ids and profiles, damaged data). */
  badInput: 2,
} as const;

export function exitCodeFor(kind: ErrorKind): number {
  return kind === 'refused' ? exitCodes.refused : exitCodes.badInput;
}
