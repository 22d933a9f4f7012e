import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type * as ConfigModule from 'app-builder-lib/out/util/config/config';
import type * as FusesModule from '@electron/fuses';

// electron-builder cannot package here (it downloads Electron), so the
// packaging configuration is checked as far as that is possible without it:
// against app-builder-lib's own JSON schema (scheme.json, with the ajv it
// ships with), through electron-builder's own loader and validator (which
// resolve `extends`), and through the code that turns `electronFuses` into
// the fuse wire — plus the icons each platform needs.
const root = path.resolve(__dirname, '../..');
const requireHere = createRequire(import.meta.url);
// app-builder-lib is electron-builder's engine; resolve it (and its ajv) the way electron-builder does.
const requireFromBuilder = createRequire(requireHere.resolve('electron-builder'));
const builderLibDir = path.dirname(requireFromBuilder.resolve('app-builder-lib/package.json'));
const requireFromBuilderLib = createRequire(path.join(builderLibDir, 'package.json'));
// The package's entry first: its modules import each other in a cycle that only resolves from there.
const { PlatformPackager } = requireFromBuilderLib('./out/index') as {
  PlatformPackager: { prototype: { generateFuseConfig(fuses: Record<string, boolean>): Promise<Record<string, unknown>> } };
};
const { getConfig, validateConfiguration } = requireFromBuilderLib('./out/util/config/config') as typeof ConfigModule;
const { FuseV1Options, FuseVersion } = requireFromBuilderLib('@electron/fuses') as typeof FusesModule;
const Ajv = (requireFromBuilderLib('ajv') as { default: new (options: object) => AjvInstance }).default;
const scheme = JSON.parse(fs.readFileSync(path.join(builderLibDir, 'scheme.json'), 'utf8')) as object;

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}
interface AjvInstance {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: AjvError[] | null };
}

// No type coercion (electron-builder's own validator coerces "true" into true): the files must be right as written.
const validate = new Ajv({ allErrors: true, strict: false, coerceTypes: false }).compile(scheme);
const noDebug = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];

const readYaml = (file: string): Record<string, unknown> => YAML.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
const release = readYaml('electron-builder.yml');
const testBuild = readYaml('electron-builder.test.yml');

function schemaErrors(config: unknown): string[] {
  if (validate(config)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** The release fuses, as electron-builder's option names. */
const releaseFuses = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
};

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1'), `${file} is a PNG`).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml and electron-builder.test.yml', () => {
  it('match app-builder-lib scheme.json as written', () => {
    expect(schemaErrors(release)).toEqual([]);
    expect(schemaErrors(testBuild)).toEqual([]);
  });

  it('the schema check fails on a misspelt fuse, an unknown option and a wrong type', () => {
    const misspelt = schemaErrors({ ...release, electronFuses: { ...releaseFuses, runAsnode: false } });
    expect(misspelt.some((e) => e.startsWith('/electronFuses additionalProperties') && e.includes('runAsnode'))).toBe(true);
    expect(schemaErrors({ ...release, electronFuse: releaseFuses }).some((e) => e.includes('"additionalProperty":"electronFuse"'))).toBe(true);
    expect(schemaErrors({ ...release, asar: 'yes' }).some((e) => e.startsWith('/asar'))).toBe(true);
    expect(schemaErrors({ ...release, electronFuses: { ...releaseFuses, runAsNode: 'false' } }).some((e) => e.startsWith('/electronFuses/runAsNode type'))).toBe(true);
  });

  it("pass electron-builder's own loader and validator; the test build inherits everything but one fuse", async () => {
    const loaded = await getConfig(root, 'electron-builder.yml', null);
    await expect(validateConfiguration(loaded, noDebug)).resolves.toBeUndefined();
    const loadedTest = await getConfig(root, 'electron-builder.test.yml', null);
    await expect(validateConfiguration(loadedTest, noDebug)).resolves.toBeUndefined();

    expect(loadedTest.electronFuses).toEqual({ ...releaseFuses, enableNodeCliInspectArguments: true });
    expect(loadedTest.directories).toEqual({ output: 'release/test', buildResources: 'assets' });
    const { electronFuses: _f, directories: _d, extends: _e, ...restTest } = loadedTest as unknown as Record<string, unknown>;
    const { electronFuses: _rf, directories: _rd, ...restRelease } = loaded as unknown as Record<string, unknown>;
    expect(restTest).toEqual(restRelease);

    await expect(validateConfiguration({ ...loaded, electronFuses: { ...releaseFuses, runAsnode: false } } as never, noDebug)).rejects.toThrow(/electronFuses/);
  });

  it('describe the release: identity, targets, asar, no publishing, no rebuild', () => {
    expect(release).toMatchObject({
      appId: 'com.countersign.desktop',
      productName: 'Countersign',
      asar: true,
      npmRebuild: false,
      publish: null,
      directories: { output: 'release', buildResources: 'assets' },
      linux: { target: ['AppImage', 'deb'], executableName: 'countersign' },
      win: { target: 'nsis' },
      mac: { target: 'dmg' },
    });
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; productName: string; dependencies?: object };
    expect(release.productName).toBe(pkg.productName);
    // The app's entry is packaged (dist/**/* minus maps and the CLI); nothing is left to install at run time.
    expect(pkg.main).toBe('dist/main.js');
    expect(release.files).toEqual(['dist/**/*', '!dist/**/*.map', '!dist/cli.js', 'package.json']);
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
  });

  it('flip exactly the hardening fuses in the release build', async () => {
    expect(release.electronFuses).toEqual(releaseFuses);
    // The code electron-builder runs after packing: our option names must each reach @electron/fuses.
    const wire = await PlatformPackager.prototype.generateFuseConfig.call({}, releaseFuses);
    expect(wire).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: undefined,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    });
  });

  it('point at icons each platform accepts', () => {
    const linuxIcons = path.join(root, (release.linux as { icon: string }).icon);
    const sizes = fs
      .readdirSync(linuxIcons)
      .map((name) => {
        const match = /^(\d+)x(\d+)\.png$/.exec(name);
        expect(match, `${name}: Linux icon files are named WIDTHxHEIGHT.png`).not.toBeNull();
        const { width, height } = pngSize(path.join(linuxIcons, name));
        expect([width, height], name).toEqual([Number(match?.[1]), Number(match?.[2])]);
        return width;
      })
      .sort((a, b) => a - b);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256, 512, 1024]);
    expect(pngSize(path.join(root, 'assets/icon.png'))).toEqual({ width: 1024, height: 1024 });

    // Windows: an .ico whose largest image is 256×256 (stored as width byte 0).
    const ico = fs.readFileSync(path.join(root, (release.win as { icon: string }).icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const icoWidths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    expect(icoWidths).toContain(256);
    expect(icoWidths).toContain(16);

    // macOS: an .icns with the 512×512 and 1024×1024 (512@2x) images.
    const icns = fs.readFileSync(path.join(root, (release.mac as { icon: string }).icon));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.subarray(at, at + 4).toString('latin1'));
    expect(types).toEqual(expect.arrayContaining(['ic09', 'ic10', 'ic08', 'is32']));
  });
});
