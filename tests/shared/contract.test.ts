import { describe, expect, it } from 'vitest';
import { channelNames, eventNames } from '../../shared/channels';
import { contract } from '../../shared/contract';

describe('the IPC contract', () => {
  it('has exactly one schema per channel name, and the first channels keep their names', () => {
    expect(Object.keys(contract).sort()).toEqual([...channelNames].sort());
    for (const name of ['listDrafts', 'submitDraft', 'approveDraft', 'listProfiles']) expect(channelNames).toContain(name);
    for (const name of [...channelNames, ...eventNames]) expect(name).toMatch(/^[a-z][a-zA-Z]+$/);
  });

  it('refuses unknown fields, including __proto__ and constructor', () => {
    expect(contract.listProfiles.request.safeParse({}).success).toBe(true);
    expect(contract.listProfiles.request.safeParse({ extra: 1 }).success).toBe(false);
    expect(contract.submitDraft.request.safeParse(JSON.parse('{"platform":"x","text":"hi","__proto__":{"admin":true}}')).success).toBe(false);
    expect(contract.submitDraft.request.safeParse({ platform: 'x', text: 'hi', constructor: 'x' }).success).toBe(false);
  });

  it('refuses wrong types, unknown enum values and oversized text', () => {
    expect(contract.submitDraft.request.safeParse({ platform: 'x', text: 5 }).success).toBe(false);
    expect(contract.submitDraft.request.safeParse({ platform: 'myspace', text: 'hi' }).success).toBe(false);
    expect(contract.submitDraft.request.safeParse({ platform: 'x', text: 'a'.repeat(20_001) }).success).toBe(false);
    expect(contract.addProfile.request.safeParse({ name: 'A', role: 'root' }).success).toBe(false);
    expect(contract.listDrafts.request.safeParse({ status: 'pending' }).success).toBe(true);
    expect(contract.listDrafts.request.safeParse({ status: 'lost' }).success).toBe(false);
    expect(contract.approveDraft.request.safeParse(null).success).toBe(false);
  });
});
