import type { Platform } from '../../../shared/model';
import type { LengthCount } from '../../../shared/rules/types';
import { useI18n } from '../i18n';

/** "X: 36/280", counted the platform's way, marked when over the limit. */
export function LengthCounter({ platform, length }: { platform: Platform; length: LengthCount }) {
  const { t } = useI18n();
  const over = length.used > length.limit;
  return (
    <p className={over ? 'counter counter-over' : 'counter'}>
      <span className="counter-value">{t('check.length', { platform, used: length.used, limit: length.limit })}</span>
      {/* Only crossing the limit is announced, not every keystroke. */}
      <span className="counter-flag" aria-live="polite">
        {over ? t('check.over') : ''}
      </span>
    </p>
  );
}
