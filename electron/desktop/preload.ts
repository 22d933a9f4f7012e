import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, type CountersignApi } from '../../shared/api';
import { eventChannel, saveLogChannel } from '../../shared/channels';
import type { DesktopApi } from '../../shared/desktop-contract';

// The renderer's only door to the main process: the typed API, nothing else.
const api = buildApi(
  (channel, request) => ipcRenderer.invoke(channel, request),
  (name, listener) => {
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannel(name), wrapped);
    return () => {
      ipcRenderer.removeListener(eventChannel(name), wrapped);
    };
  },
);

const desktop: DesktopApi = {
  saveLog: (request) => ipcRenderer.invoke(saveLogChannel, request),
};

contextBridge.exposeInMainWorld('countersign', { ...api, desktop } satisfies CountersignApi);
