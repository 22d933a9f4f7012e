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
    expect(await restrictedImports('electron/desktop/main.ts', "import { ipcMain } from 'electron';\nvoid ipcMain;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/desktop/main.ts', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/desktop/preload.ts', "import { ipcMain } from 'electron';\nvoid ipcMain;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/desktop/ipc-main.ts', "import { ipcMain } from 'electron';\nvoid ipcMain;\n")).toEqual([]);
    expect(await restrictedImports('electron/desktop/preload.ts', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n")).toEqual([]);
  });

  it('only electron/desktop/ imports electron at all', async () => {
    expect(await restrictedImports('electron/core/workstation.ts', "import { app } from 'electron';\nvoid app;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/cli/program.ts', "import { app } from 'electron';\nvoid app;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/desktop/main.ts', "import { app } from 'electron';\nvoid app;\n")).toEqual([]);
    expect(await restrictedImports('electron/desktop/log-save.ts', "import { dialog } from 'electron';\nvoid dialog;\n")).toEqual([]);
    expect(await restrictedImports('electron/desktop/log-save.ts', "import { ipcMain } from 'electron';\nvoid ipcMain;\n")).toHaveLength(1);
  });

  it('the core imports no host, and each host only itself (the CLI may start the loopback host)', async () => {
    const imports = (name: string, from: string) => `import { ${name} } from '${from}';\nvoid ${name};\n`;
    expect(await restrictedImports('electron/core/workstation.ts', imports('startWebHost', '../web-host/server'))).toHaveLength(1);
    expect(await restrictedImports('electron/core/store/draft-store.ts', imports('runCli', '../../cli/program'))).toHaveLength(1);
    expect(await restrictedImports('electron/common/static-files.ts', imports('saveLog', '../desktop/log-save'))).toHaveLength(1);
    expect(await restrictedImports('electron/web-host/server.ts', imports('runCli', '../cli/program'))).toHaveLength(1);
    expect(await restrictedImports('electron/cli/program.ts', imports('saveLog', '../desktop/log-save'))).toHaveLength(1);
    expect(await restrictedImports('electron/desktop/main.ts', imports('runCli', '../cli/program'))).toHaveLength(1);
    expect(await restrictedImports('electron/cli/program.ts', imports('startWebHost', '../web-host/server'))).toEqual([]);
    expect(await restrictedImports('electron/desktop/main.ts', imports('readStaticFile', '../common/static-files'))).toEqual([]);
    expect(await restrictedImports('electron/core/workstation.ts', imports('DraftStore', './store/draft-store'))).toEqual([]);
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
