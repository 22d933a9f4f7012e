import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of ARCHITECTURE.md live in eslint.config.mjs; these cases
// prove each rule fires where it must and stays quiet where it may not.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('only the IPC wrappers use raw ipcMain / ipcRenderer', async () => {
    expect(await restrictedImports('electron/main.ts', "import { ipcMain } from 'electron';\nvoid ipcMain;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/main.ts', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/preload.ts', "import { ipcMain } from 'electron';\nvoid ipcMain;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/ipc-main.ts', "import { ipcMain } from 'electron';\nvoid ipcMain;\n")).toEqual([]);
    expect(await restrictedImports('electron/preload.ts', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n")).toEqual([]);
  });

  it('only main, preload and their wrappers import electron at all', async () => {
    expect(await restrictedImports('electron/core/workstation.ts', "import { app } from 'electron';\nvoid app;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/cli/program.ts', "import { app } from 'electron';\nvoid app;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/main.ts', "import { app } from 'electron';\nvoid app;\n")).toEqual([]);
    expect(await restrictedImports('electron/log-save.ts', "import { dialog } from 'electron';\nvoid dialog;\n")).toEqual([]);
    expect(await restrictedImports('electron/log-save.ts', "import { ipcMain } from 'electron';\nvoid ipcMain;\n")).toHaveLength(1);
  });

  it('shared/ stays pure and the renderer never reaches into electron/', async () => {
    expect(await restrictedImports('shared/model.ts', "import fs from 'node:fs';\nvoid fs;\n")).toHaveLength(1);
    expect(await restrictedImports('shared/model.ts', "import { x } from '../electron/core/x';\nvoid x;\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/src/app.tsx', "import { Workstation } from '../../electron/core/workstation';\nvoid Workstation;\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/src/app.tsx', "import fs from 'node:fs';\nvoid fs;\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/src/app.tsx', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n")).toHaveLength(1);
    expect(await restrictedImports('shared/model.ts', "import { app } from 'electron';\nvoid app;\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/src/app.tsx', "import { contract } from '../../shared/contract';\nvoid contract;\n")).toEqual([]);
  });
});
