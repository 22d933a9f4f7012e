import type { CountersignApi } from '../../../shared/api';
import { createWebBridge, takeToken } from './web-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser on the loopback host. */
    countersign?: CountersignApi;
  }
}

/** The preload's bridge in Electron, else the loopback host's; null when neither is reachable. */
export function getApi(): CountersignApi | null {
  if (window.countersign) return window.countersign;
  const token = takeToken(window.location, window.history, window.sessionStorage);
  return token ? createWebBridge(token) : null;
}
