import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../shared/errors';
import type { Role } from '../../../../shared/model';
import { useApp } from '../../app-context';
import { ProfileFields } from '../../components/profile-fields';
import { useI18n } from '../../i18n';
import { ProfileRow } from './profile-row';

/** Profiles in Settings: an admin sees and manages everyone; anyone else sees their own profile. */
export function ProfileSettings() {
  const { t } = useI18n();
  const { session, profiles } = useApp();
  const isAdmin = session.profile?.role === 'admin';
  const shown = isAdmin ? profiles : profiles.filter((p) => p.name === session.profile?.name);

  return (
    <section className="panel stack" aria-labelledby="settings-profiles">
      <h2 id="settings-profiles">{t('settings.profiles')}</h2>
      <p className="hint">{t(isAdmin ? 'settings.profilesHintAdmin' : 'settings.profilesHint')}</p>
      <table className="table profiles-table" aria-labelledby="settings-profiles">
        <thead>
          <tr>
            <th scope="col">{t('profile.name')}</th>
            <th scope="col">{t('profile.role')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('settings.rename')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            // Keyed by name and role so a row starts afresh after a rename or a change made elsewhere.
            <ProfileRow key={`${p.name}:${p.role}`} profile={p} />
          ))}
        </tbody>
      </table>
      {isAdmin && <AddProfileForm />}
    </section>
  );
}

function AddProfileForm() {
  const { t, errorText } = useI18n();
  const { api, setNotice, reloadProfiles } = useApp();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('executive');
  const [problem, setProblem] = useState<ApiError | null>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api.addProfile({ name, role });
    if (!result.ok) return setProblem(result.error);
    setProblem(null);
    setName('');
    setNotice({ tone: 'info', key: 'profile.added', params: { name: result.value.name } });
    reloadProfiles();
  };

  return (
    <form className="compose-options" onSubmit={(e) => void add(e)} aria-labelledby="settings-add-profile">
      <h3 id="settings-add-profile" className="form-title">
        {t('profile.addTitle')}
      </h3>
      <ProfileFields name={name} onName={setName} role={role} onRole={setRole} />
      <button type="submit">{t('profile.add')}</button>
      {problem && (
        <p className="problem" role="alert">
          {errorText(problem)}
        </p>
      )}
    </form>
  );
}
