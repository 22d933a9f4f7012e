import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../shared/api';
import { eventChannel } from '../shared/channels';

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

contextBridge.exposeInMainWorld('countersign', api);
