import type { z } from 'zod';

const identifier = /^[A-Za-z_$][\w$]*$/;

/** `rules["attack.insult"].severity: …` — the path inside the policy file, then the problem. */
export function policyIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path
        .map((part, i) => (typeof part === 'number' ? `[${part}]` : identifier.test(String(part)) ? `${i === 0 ? '' : '.'}${String(part)}` : `["${String(part)}"]`))
        .join('');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
