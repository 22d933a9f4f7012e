import { platforms, type Platform } from '../../../shared/model';
import { useI18n } from '../i18n';

/** The labelled platform picker used wherever a draft is written or tried. */
export function PlatformSelect({ value, onChange }: { value: Platform; onChange: (platform: Platform) => void }) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{t('compose.platform')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as Platform)}>
        {platforms.map((p) => (
          <option key={p} value={p}>
            {t(`platform.${p}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
