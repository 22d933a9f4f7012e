import fs from 'node:fs';
import type { Platform, Profile } from '../../../shared/model';
import { requirePermission } from '../../../shared/permissions';
import { check, compilePolicy, type CompiledPolicy } from '../../../shared/rules/engine';
import { policyFileSchema, type PolicyFile } from '../../../shared/rules/policy-schema';
import type { Finding } from '../../../shared/rules/types';
import type { WorkflowSettings } from '../../../shared/workflow';
import type { CoreContext } from './core-context';

/** The team's policy: read from the settings, compiled once per change, and the core's own check of a text. */
export class PolicyDomain {
  /** The policy as last read, keyed by the settings file's identity so an action does not re-read and re-parse it. */
  private compiled: { stamp: string; source: PolicyFile; policy: CompiledPolicy } | null = null;

  constructor(private readonly context: CoreContext) {}

  /** The policy file as stored (lists and severities over the built-in pack). */
  source(): PolicyFile {
    return this.context.settings.policy;
  }

  /** The team's policy, compiled once per change of the settings file (by this or another process). */
  current(): CompiledPolicy {
    return this.state().policy;
  }

  workflowSettings(): WorkflowSettings {
    return { authorSignOffOnEdits: this.state().source.workflow?.authorSignOffOnEdits ?? true };
  }

  /** The core's own check, whatever the window showed. */
  findings(text: string, platform: Platform, policy = this.current()): Finding[] {
    return check(policy, text, { platform, locale: 'en' }).findings;
  }

  /** Replaces the policy; only an admin may, and an invalid one is refused with the path of the problem. */
  set(actor: Profile, source: unknown): PolicyFile {
    requirePermission('setPolicy', actor, { profileCount: 1 });
    const { settings } = this.context;
    compilePolicy(source, { file: settings.path });
    // The parsed copy, not the request: over IPC a Date or a Map passes as an (empty) object but is not stored as one.
    const policy = policyFileSchema.parse(source);
    settings.policy = policy;
    this.context.notify({ policy: true });
    return policy;
  }

  private state(): { source: PolicyFile; policy: CompiledPolicy } {
    const { settings } = this.context;
    const stamp = fileStamp(settings.path);
    if (this.compiled?.stamp !== stamp) {
      const source = settings.policy;
      const previous = this.compiled;
      // A change elsewhere in the settings (a profile) keeps the compiled policy when the policy itself is the same.
      const policy = previous && JSON.stringify(previous.source) === JSON.stringify(source) ? previous.policy : compilePolicy(source, { file: settings.path });
      this.compiled = { stamp, source, policy };
    }
    return this.compiled;
  }
}

/** Changes whenever the file is rewritten: conf replaces it by renaming a new file over it (a new inode). */
export function fileStamp(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.ino}:${st.mtimeMs}:${st.size}`;
  } catch {
    return 'missing';
  }
}
