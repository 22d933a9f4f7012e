import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../shared/errors';
import { roles, type Profile, type Role } from '../../../../shared/model';
import { maxProfileNameLength } from '../../../../shared/text-rules';
import { useApp } from '../../app-context';
import { useI18n } from '../../i18n';

/**
 * One profile in Settings: its name (renamable by an admin or by itself) and
 * its role (a picker for admins). The main process decides; a refusal is
 * shown beside the row.
 */
export function ProfileRow({ profile }: { profile: Profile }) {
  const { t, errorText } = useI18n();
  const { api, session, setNotice, reloadProfiles } = useApp();
  const me = session.profile;
  const isAdmin = me?.role === 'admin';
  const isSelf = me?.name === profile.name;
  const [renaming, setRenaming] = useState(false);
  const [newName, setNewName] = useState(profile.name);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api.renameProfile({ name: profile.name, newName });
    setBusy(false);
    if (!result.ok) return setProblem(result.error);
    setProblem(null);
    setRenaming(false);
    setNotice({ tone: 'info', key: 'settings.renamed', params: { name: profile.name, newName: result.value.name } });
    reloadProfiles();
  };
  const changeRole = async (role: Role) => {
    setBusy(true);
    const result = await api.setProfileRole({ name: profile.name, role });
    setBusy(false);
    if (!result.ok) return setProblem(result.error);
    setProblem(null);
    setNotice({ tone: 'info', key: 'settings.roleChanged', params: { name: result.value.name, role: result.value.role } });
    reloadProfiles();
  };

  return (
    <tr>
      <th scope="row">
        {renaming ? (
          <form className="inline-form" onSubmit={(e) => void rename(e)}>
            <input
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
              aria-label={t('settings.renameLabel', { name: profile.name })}
              required
              maxLength={maxProfileNameLength}
              autoComplete="off"
              autoFocus
            />
            <button type="submit" disabled={busy}>
              {t('settings.renameSave')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setRenaming(false);
                setNewName(profile.name);
                setProblem(null);
              }}
            >
              {t('common.cancel')}
            </button>
          </form>
        ) : (
          <span className="profile-name">
            {profile.name} {isSelf && <span className="hint">{t('settings.you')}</span>}
          </span>
        )}
        {problem && (
          <p className="problem" role="alert">
            {errorText(problem)}
          </p>
        )}
      </th>
      <td>
        {isAdmin ? (
          <select aria-label={t('settings.roleLabel', { name: profile.name })} value={profile.role} disabled={busy} onChange={(e) => void changeRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        ) : (
          t(`role.${profile.role}`)
        )}
      </td>
      <td>
        {(isAdmin || isSelf) && !renaming && (
          <button type="button" className="secondary" aria-label={t('settings.renameProfile', { name: profile.name })} onClick={() => setRenaming(true)}>
            {t('settings.rename')}
          </button>
        )}
      </td>
    </tr>
  );
}
