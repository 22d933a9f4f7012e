import { protocol, type IpcMainInvokeEvent } from 'electron';
import { securityHeaders } from '../common/security-headers';
import { readStaticFile } from '../common/static-files';

export const appScheme = 'app';
export const appHost = 'countersign';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

/** Must run before `ready`: app:// behaves like https (standard, secure origin) rather than file://. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves only the built renderer's files, with the same security headers as the loopback host. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(appScheme, (request) => {
    const url = new URL(request.url);
    const file = url.host === appHost ? readStaticFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), { headers: { ...securityHeaders, 'Content-Type': file.contentType } });
  });
}

/** True for the app's own page: IPC from anything else is refused. */
export function isAppUrl(raw: string | undefined): boolean {
  if (!raw) return false;
  try {
    const url = new URL(raw);
    return url.protocol === `${appScheme}:` && url.host === appHost;
  } catch {
    return false;
  }
}

/** IPC is answered only for the app page's own main frame: no subframe, no other page. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isAppUrl(frame.url);
}
