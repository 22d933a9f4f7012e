import { useState, type FormEvent } from 'react';
import type { Role } from '../../../../shared/model';
import { useApp } from '../../app-context';
import { ProfileFields } from '../../components/profile-fields';
import { useI18n } from '../../i18n';

/** Who is working: pick a profile, or add one (the first profile, or any profile when an admin is working). */
export function ProfilePicker({ canAdd, onPick }: { canAdd: boolean; onPick: (name: string) => void }) {
  const { t } = useI18n();
  const { api, profiles, run, setNotice, reloadProfiles } = useApp();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(profiles.length === 0 ? 'admin' : 'executive');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const profile = await run(api.addProfile({ name, role }));
    if (profile) {
      setName('');
      setNotice({ tone: 'info', key: 'profile.added', params: { name: profile.name } });
      reloadProfiles();
    }
  };

  return (
    <section className="panel narrow" aria-labelledby="picker-title">
      <h1 id="picker-title">{t('profile.choose')}</h1>
      <p className="hint">{t('profile.chooseHint')}</p>
      {profiles.length === 0 ? (
        <p>{t('profile.none')}</p>
      ) : (
        <ul className="profile-list">
          {profiles.map((p) => (
            <li key={p.name}>
              <button type="button" className="profile-button" onClick={() => onPick(p.name)}>
                <span className="profile-name">{p.name}</span>
                <span className="badge">{t(`role.${p.role}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {canAdd && (
        <form className="stack" onSubmit={(e) => void add(e)} aria-labelledby="add-profile-title">
          <h2 id="add-profile-title">{t('profile.addTitle')}</h2>
          <ProfileFields name={name} onName={setName} role={role} onRole={setRole} />
          <div>
            <button type="submit">{t('profile.add')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
