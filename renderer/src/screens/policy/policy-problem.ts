import type { ApiError } from '../../../../shared/errors';

/**
 * What is wrong with a policy: for an invalid one, just the path inside it and
 * the problem (the screen already says which policy); otherwise the error's own text.
 */
export function policyProblem(error: ApiError, errorText: (error: ApiError) => string): string {
  return error.code === 'error.policyInvalid' && error.params.details !== undefined ? String(error.params.details) : errorText(error);
}
