import fc from 'fast-check';
import { expect } from 'vitest';
import { channelNames, type ChannelName } from '../../shared/channels';
import type { ApiResult } from '../../shared/errors';
import {
  apiResultProblem,
  brief,
  expectedRefusals,
  failsSchema,
  filesDiffer,
  fuzzSeed,
  prototypeSnapshot,
  readFiles,
  reopenProblem,
  storeFiles,
  storedControlProblem,
  type SessionMode,
} from './fuzz-world';
import type { FuzzWorld } from './payloads';

// The properties both transports share. A target is the contract behind one
// host (the IPC wrapper or the loopback host) on a copy of the seeded store.

/** What the target answered, and the request as the handler's side saw it. */
export interface Answer {
  result: unknown;
  /** The request after the transport (structured clone, or the host's JSON parse); `invalidBody` when it could not be read. */
  seen: unknown;
  /** What the schema check must conclude regardless of `seen`: a body that is not JSON is invalid. */
  invalidBody?: boolean;
  /** Extra checks of the transport (HTTP status); returns a problem or null. */
  transportProblem?: string | null;
}

export interface FuzzTarget {
  dataDir(): string;
  /** Sends one request; never throws for a bad answer, only reports it. */
  call(channel: ChannelName, request: unknown): Promise<Answer>;
  /** Puts back the seeded store (and the session) after a valid call changed it. */
  reset(): Promise<void>;
  /** Null when the host still answers a plain call. */
  alive(): Promise<string | null>;
}

/** A request as fast-check prints it in a failure: abbreviated, since some are a megabyte or 100,000 levels deep. */
class FuzzRequest {
  constructor(readonly value: unknown) {}
  [fc.toStringMethod](): string {
    return brief(this.value);
  }
}

export interface FuzzStats {
  calls: number;
  ok: number;
  byKind: Record<string, number>;
  resets: number;
  schemaValid: number;
}

/**
 * Fuzzes every channel of the contract through `target`: `numRuns` requests
 * per channel from `requests(channel)`. Properties, checked after every call:
 * the answer is an ApiResult; a request failing the contract's schema gets a
 * validation error; any other refusal is one the contract knows (invalid,
 * refused, not found), never an internal error; a refused call leaves every
 * file of the data directory byte for byte as it was; what a valid call wrote
 * opens again and holds no control character; Object.prototype (and Array's,
 * Function's) are unchanged; and, after each channel's runs, the host still
 * answers. A valid call that changed the store is followed by a fresh copy of
 * the seeded one, so every run starts from the same state (and shrinks).
 */
export async function fuzzContract(options: {
  target: FuzzTarget;
  world: FuzzWorld;
  mode: SessionMode;
  numRuns: number;
  requests: (channel: ChannelName) => fc.Arbitrary<unknown>;
  /** Requests run first on each channel, whatever the seed. */
  examples?: (channel: ChannelName) => unknown[];
}): Promise<FuzzStats> {
  const { target, world, numRuns } = options;
  const stats: FuzzStats = { calls: 0, ok: 0, byKind: {}, resets: 0, schemaValid: 0 };
  const prototypesChanged = prototypeSnapshot();
  for (const name of storeFiles) expect(readFiles(target.dataDir()).has(name), `the seeded store has ${name}`).toBe(true);

  for (const channel of channelNames) {
    const requests = options.requests(channel).map((value) => new FuzzRequest(value));
    const property = fc.asyncProperty(requests, async ({ value: request }) => {
      const before = readFiles(target.dataDir());
      let changed: string | null = null;
      try {
        const answer = await target.call(channel, request);
        const after = readFiles(target.dataDir());
        changed = filesDiffer(before, after);
        stats.calls += 1;
        const where = `${channel} (${options.mode} session) with ${brief(answer.seen)}`;

        const shape = apiResultProblem(answer.result);
        if (shape) throw new Error(`${where}: the answer is not an ApiResult: ${shape}`);
        if (answer.transportProblem) throw new Error(`${where}: ${answer.transportProblem}`);
        const result = answer.result as ApiResult<unknown>;
        const invalidRequest = answer.invalidBody === true || failsSchema(channel, answer.seen);
        if (!invalidRequest) stats.schemaValid += 1;
        if (result.ok) stats.ok += 1;
        else stats.byKind[result.error.kind] = (stats.byKind[result.error.kind] ?? 0) + 1;

        if (invalidRequest && (result.ok || result.error.kind !== 'invalid' || result.error.code !== 'error.invalidRequest')) {
          throw new Error(`${where}: the request fails the contract's schema but the answer is ${brief(result)}`);
        }
        if (!result.ok && !expectedRefusals.has(result.error.kind)) {
          throw new Error(`${where}: answered ${result.error.kind} (${result.error.message})`);
        }
        if (!result.ok && changed) throw new Error(`${where}: refused (${result.error.message}) yet ${changed}`);
        if (result.ok && changed) {
          const problem = await reopenProblem(target.dataDir(), world.draftIds);
          if (problem) throw new Error(`${where}: accepted, and the store it left does not open again: ${problem}`);
          const dirty = storedControlProblem(target.dataDir());
          if (dirty) throw new Error(`${where}: accepted, and stored a control character: ${dirty}`);
        }
        const polluted = prototypesChanged();
        if (polluted) throw new Error(`${where}: ${polluted}`);
        const pollutedProbe = {} as Record<string, unknown>;
        if (pollutedProbe.polluted !== undefined || pollutedProbe.role !== undefined) throw new Error(`${where}: Object.prototype was polluted`);
      } finally {
        changed ??= filesDiffer(before, readFiles(target.dataDir()));
        if (changed) {
          stats.resets += 1;
          await target.reset();
        }
      }
    });
    const examples = (options.examples?.(channel) ?? []).map((value): [FuzzRequest] => [new FuzzRequest(value)]);
    // Examples count within numRuns: they come on top of the random runs.
    await fc.assert(property, { seed: fuzzSeed, numRuns: numRuns + examples.length, examples });
    // A host that crashed fails the next call too; this names the channel that did it.
    const alive = await target.alive();
    if (alive) throw new Error(`after fuzzing ${channel} (${options.mode} session) the host no longer answers: ${alive}`);
  }
  return stats;
}

/** One line per run, so CI logs show what was covered and how to reproduce it. */
export function reportStats(label: string, stats: FuzzStats, startedAt: number): void {
  const kinds = Object.entries(stats.byKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  console.log(
    `${label}: ${stats.calls} calls over ${channelNames.length} channels in ${((Date.now() - startedAt) / 1000).toFixed(1)} s — ` +
      `${stats.schemaValid} passed the schema, ${stats.ok} ok, refused: ${kinds}; ${stats.resets} store resets (FUZZ_SEED=${fuzzSeed})`,
  );
}
