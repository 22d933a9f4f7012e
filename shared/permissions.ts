import { CountersignError } from './errors';
import type { MessageKey } from './i18n/translate';
import type { Profile, Role } from './model';

// What a profile may do that is not a step in a draft's workflow (that is
// shared/workflow.ts): managing profiles, the policy and the approved-post
// log. As data, like the workflow table, so the core decides from it, the
// UI can explain from it and the docs can print it.

export const permissions = ['addProfile', 'renameProfile', 'setProfileRole', 'setPolicy', 'readLog'] as const;
export type Permission = (typeof permissions)[number];

interface Grant {
  /** Roles allowed to, on any profile. */
  roles: readonly Role[];
  /** A profile may do it to itself, whatever its role. */
  self?: boolean;
  /** Someone at the OS account's own shell (the CLI), who can edit the data files anyway. */
  terminal: boolean;
  /** Anyone may while there is no profile at all (the first one is added in the app). */
  whenNoProfiles?: boolean;
  /** The translated reason when refused. */
  refusal: MessageKey;
}

export const permissionTable: Record<Permission, Grant> = {
  addProfile: { roles: ['admin'], terminal: true, whenNoProfiles: true, refusal: 'error.profilesLocked' },
  renameProfile: { roles: ['admin'], self: true, terminal: true, refusal: 'error.renameNotAllowed' },
  setProfileRole: { roles: ['admin'], terminal: true, refusal: 'error.rolesAdminOnly' },
  setPolicy: { roles: ['admin'], terminal: false, refusal: 'error.adminOnly' },
  readLog: { roles: ['reviewer', 'admin'], terminal: true, refusal: 'error.logReviewersOnly' },
};

/** Who asks: a profile, the terminal, or nobody (no profile chosen yet). */
export type Asker = Profile | 'terminal' | null;

/** Why `by` may not do `permission` (to the profile named `target`), or null when they may. */
export function permissionRefusal(permission: Permission, by: Asker, context: { target?: string; profileCount: number }): CountersignError | null {
  const grant = permissionTable[permission];
  if (by === 'terminal' ? grant.terminal : by !== null && (grant.roles.includes(by.role) || (grant.self === true && by.name === context.target))) return null;
  if (grant.whenNoProfiles && context.profileCount === 0) return null;
  if (by === null || by === 'terminal') return new CountersignError('refused', by === null && !grant.whenNoProfiles ? 'error.noActiveProfile' : grant.refusal);
  return new CountersignError('refused', grant.refusal, { actor: by.name, role: by.role, name: context.target ?? '' });
}

/** Throws the refusal, if any. */
export function requirePermission(permission: Permission, by: Asker, context: { target?: string; profileCount: number }): void {
  const refused = permissionRefusal(permission, by, context);
  if (refused) throw refused;
}
