import type { z } from 'zod';

/** `path: problem; …` on one line, for an HTTP body, a CLI message or a log. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
