import type { Diagnostic } from '@codemirror/lint';
import type { Finding } from '../../../shared/rules/types';
import type { I18n } from '../i18n';

/** Findings as CodeMirror diagnostics: the underline by severity, the tooltip with message and suggestion. */
export function findingDiagnostics(findings: readonly Finding[], docLength: number, t: I18n['t']): Diagnostic[] {
  return findings
    .filter((f) => f.start < f.end && f.end <= docLength)
    .map((f) => {
      const suggestion = f.suggestion ? t('findings.suggestion', { text: f.suggestion }) : null;
      return {
        from: f.start,
        to: f.end,
        severity: f.severity,
        source: t(`category.${f.category}`),
        message: suggestion ? `${f.message}\n${suggestion}` : f.message,
        // textContent only: messages quote the draft, which must never become markup.
        renderMessage: () => {
          const box = document.createElement('div');
          const message = box.appendChild(document.createElement('div'));
          message.textContent = f.message;
          if (suggestion) {
            const hint = box.appendChild(document.createElement('div'));
            hint.className = 'cm-diagnostic-suggestion';
            hint.textContent = suggestion;
          }
          return box;
        },
      };
    });
}
