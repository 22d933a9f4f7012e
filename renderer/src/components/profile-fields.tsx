import { roles, type Role } from '../../../shared/model';
import { maxProfileNameLength } from '../../../shared/text-rules';
import { useI18n } from '../i18n';

/** A new profile's name and role, the same fields in the first-run picker and in Settings. */
export function ProfileFields({
  name,
  onName,
  role,
  onRole,
}: {
  name: string;
  onName: (name: string) => void;
  role: Role;
  onRole: (role: Role) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <label className="field">
        <span>{t('profile.name')}</span>
        <input value={name} onChange={(e) => onName(e.target.value)} required maxLength={maxProfileNameLength} autoComplete="off" />
      </label>
      <label className="field">
        <span>{t('profile.role')}</span>
        <select value={role} onChange={(e) => onRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
