import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/**
 * `path: problem; …` on one line, for an HTTP body, a CLI message or a log.
 * For a union, the alternative that came closest (fewest problems) is
 * described, rather than zod's bare "Invalid input".
 */
export function describeIssues(error: z.ZodError): string {
  return describe(error.issues, []);
}

function describe(issues: readonly Issue[], prefix: PropertyKey[]): string {
  return issues
    .map((issue) => {
      const path = [...prefix, ...issue.path];
      if (issue.code === 'invalid_union' && issue.errors.length > 0) {
        const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
        if (closest.length > 0) return describe(closest, path);
      }
      return path.length > 0 ? `${path.map(String).join('.')}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
