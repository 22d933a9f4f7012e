import { openNodeSettings } from '../../electron/core/settings';
import { CountersignError } from '../../shared/errors';
import { Workstation } from '../../electron/core/workstation';

/** A workstation on plain conf, as the CLI and the loopback host open it; warnings are collected. */
export async function openWorkstation(dataDir: string, options: { clock?: () => Date; snapshotEvery?: number } = {}) {
  const warnings: string[] = [];
  const ws = await Workstation.open({ dataDir, settings: openNodeSettings(dataDir), warn: (m) => warnings.push(m), ...options });
  return { ws, warnings };
}

/** An executive and a reviewer, added from the terminal as the CLI does. */
export function seedProfiles(ws: Workstation) {
  const exec = ws.profiles.add({ name: 'Zhang Wei', role: 'executive' }, 'terminal');
  const reviewer = ws.profiles.add({ name: 'Li Na', role: 'reviewer' }, 'terminal');
  const admin = ws.profiles.add({ name: 'Chen Admin', role: 'admin' }, 'terminal');
  return { exec, reviewer, admin };
}

/** The CountersignError `fn` throws or rejects with; fails the test when it throws nothing or something else. */
export async function errorOf(fn: () => unknown): Promise<CountersignError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof CountersignError) return err;
    throw err;
  }
  throw new Error('expected a CountersignError');
}
