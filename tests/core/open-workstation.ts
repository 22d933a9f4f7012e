import { openNodeSettings } from '../../electron/core/settings';
import { CountersignError } from '../../shared/errors';
import { Workstation } from '../../electron/core/workstation';

/** A workstation on plain conf, as the CLI and the loopback host open it; warnings are collected. */
export function openWorkstation(dataDir: string, options: { clock?: () => Date; snapshotEvery?: number } = {}) {
  const warnings: string[] = [];
  const ws = Workstation.open({ dataDir, settings: openNodeSettings(dataDir), warn: (m) => warnings.push(m), ...options });
  return { ws, warnings };
}

/** An executive and a reviewer, added from the terminal as the CLI does. */
export function seedProfiles(ws: Workstation) {
  const exec = ws.addProfile({ name: 'Zhang Wei', role: 'executive' }, 'terminal');
  const reviewer = ws.addProfile({ name: 'Li Na', role: 'reviewer' }, 'terminal');
  const admin = ws.addProfile({ name: 'Chen Admin', role: 'admin' }, 'terminal');
  return { exec, reviewer, admin };
}

/** The CountersignError `fn` throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): CountersignError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CountersignError) return err;
    throw err;
  }
  throw new Error('expected a CountersignError');
}
