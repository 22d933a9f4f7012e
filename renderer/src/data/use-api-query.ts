import { useCallback, useEffect, useState } from 'react';
import type { CountersignApi } from '../../../shared/api';
import type { EventName } from '../../../shared/channels';
import { toApiError, type ApiError, type ApiResult } from '../../../shared/errors';

/** One question to the core. Memoize it (useCallback / useMemo): a new function is a new question. */
export type ApiLoad<T> = () => Promise<ApiResult<T>>;

/** How a query follows the host: which events make it ask again, and where refusals go. */
export interface ApiQueryOptions {
  /** Events from the host after which the same question is asked again (draftsChanged, say). */
  reloadOn?: readonly EventName[];
  /** Where refusals go (the app's reportError); without it they are returned in `error`. Keep it stable. */
  onError?: (error: ApiError) => void;
}

/** What a component holds of one question: the answer or why there is none, and ways to ask again. */
export interface ApiQuery<T> {
  /** The latest answer; kept while a newer question is out, so a reload does not blank the screen. Null until the first. */
  data: T | null;
  /** The refusal of the latest question, when there is no `onError`; the next answer clears it. */
  error: ApiError | null;
  /** True when `data` and `error` answer an earlier `load` than the current one (its dependencies moved since). */
  stale: boolean;
  /** Asks again now, as after an action taken here, without waiting for the host's event. */
  reload: () => void;
  /** Replaces the answer held (a change shown before the host confirms it); the next answer replaces it in turn. */
  setData: (update: (held: T | null) => T) => void;
}

interface Answer<T> {
  /** The question this answers (null: set here before any was asked). */
  for: ApiLoad<T> | null;
  data: T | null;
  error: ApiError | null;
}

const noEvents: readonly EventName[] = [];

/**
 * How many of `names` the host has pushed since mount: a dependency that
 * moves once per event, for hooks that hold rows of their own.
 */
export function useEventCount(api: CountersignApi, names: readonly EventName[]): number {
  const [count, setCount] = useState(0);
  // A key, not the array: callers pass literals, which are new on every render.
  const key = names.join(' ');
  useEffect(() => {
    if (!key) return;
    const bump = () => setCount((n) => n + 1);
    const offs = (key.split(' ') as EventName[]).map((name) => api.events[name](bump));
    return () => offs.forEach((off) => off());
  }, [api, key]);
  return count;
}

/**
 * Asks the core `load` whenever it changes (its dependencies moved), on each
 * of `reloadOn` and on `reload()`. An answer that arrives after the
 * component unmounted or a newer question was asked is dropped, so a slow
 * answer never overwrites a fresh one. `load` null asks nothing (no profile
 * yet, say).
 */
export function useApiQuery<T>(api: CountersignApi, load: ApiLoad<T> | null, options: ApiQueryOptions = {}): ApiQuery<T> {
  const { reloadOn = noEvents, onError } = options;
  const events = useEventCount(api, reloadOn);
  const [asked, setAsked] = useState(0);
  const [answer, setAnswer] = useState<Answer<T> | null>(null);

  useEffect(() => {
    if (!load) return;
    let live = true;
    void load()
      .catch((err: unknown): ApiResult<T> => ({ ok: false, error: toApiError(err) }))
      .then((result) => {
        if (!live) return;
        if (result.ok) setAnswer({ for: load, data: result.value, error: null });
        else if (onError) onError(result.error);
        // An answer to an earlier question is not this one's: a refusal of a new question shows no old data.
        else setAnswer((held) => ({ for: load, data: held?.for === load ? held.data : null, error: result.error }));
      });
    return () => {
      live = false;
    };
  }, [load, onError, events, asked]);

  const reload = useCallback(() => setAsked((n) => n + 1), []);
  const setData = useCallback(
    (update: (held: T | null) => T) => {
      setAnswer((held) => ({ for: held?.for ?? load, data: update(held?.data ?? null), error: null }));
    },
    [load],
  );

  return { data: answer?.data ?? null, error: answer?.error ?? null, stale: answer !== null && answer.for !== load, reload, setData };
}
