import { platforms, type Platform } from '../../../shared/model';
import { useI18n } from '../i18n';

/** The labelled platform picker used wherever a draft is written or tried, and for the default platform in Settings. */
export function PlatformSelect({
  value,
  onChange,
  label,
  describedBy,
}: {
  value: Platform;
  onChange: (platform: Platform) => void;
  /** The field's caption; "Platform" unless given. */
  label?: string;
  /** The id of a hint that explains the choice. */
  describedBy?: string;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{label ?? t('compose.platform')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as Platform)} aria-describedby={describedBy}>
        {platforms.map((p) => (
          <option key={p} value={p}>
            {t(`platform.${p}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
