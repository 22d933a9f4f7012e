// Child of npm run bench:queue: one action when the team's policy carries a
// 10,000-term competitor list (the list bench:rules uses), on 1,000 drafts;
// a separate process so the larger compiled policy stays out of the main
// process's memory figure. Prints its figures as one JSON line.
//   node --import tsx scripts/bench-queue/big-policy.ts <dataDir>
import { performance } from 'node:perf_hooks';
import { openNodeSettings } from '../../electron/core/settings';
import { Workstation } from '../../electron/core/workstation';
import { benchPolicy, draftGenerator, random, textGenerator } from './fixture';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: big-policy.ts <dataDir>');

const rand = random(20261127);
const hanPool = '华科技网络信息数据智能云端创新未来星海蓝天明远博达嘉禾鼎盛恒通汇丰金辰瑞祥腾飞远航';
const han = (n: number) => Array.from({ length: n }, () => hanPool[Math.floor(rand() * hanPool.length)]).join('');
const latin = () => Array.from({ length: 5 + Math.floor(rand() * 5) }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');
const competitors = [...benchPolicy.lists.competitors, ...Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? han(3 + (i % 3)) : latin()))];

async function main(dataDir: string): Promise<void> {
  const ws = await Workstation.open({ dataDir, settings: openNodeSettings(dataDir), warn: () => {}, command: 'bench:queue big policy' });
  try {
    const admin = ws.profiles.add({ name: 'Chen Admin', role: 'admin' }, 'terminal');
    const executive = ws.profiles.add({ name: 'Zhang Wei', role: 'executive' }, 'terminal');
    const reviewer = ws.profiles.add({ name: 'Li Na', role: 'reviewer' }, 'terminal');
    ws.policy.set(admin, { ...benchPolicy, lists: { ...benchPolicy.lists, competitors } });
    ws.policy.current();

    const next = draftGenerator(7);
    const drafts = [...(await ws.drafts.importDrafts(executive, Array.from({ length: 500 }, next))), ...(await ws.drafts.importDrafts(executive, Array.from({ length: 500 }, next)))];

    const policyMs: number[] = [];
    for (let i = 0; i < 50; i++) {
      const start = performance.now();
      ws.policy.current();
      policyMs.push(performance.now() - start);
    }

    const newText = textGenerator(8);
    const actionMs: number[] = [];
    for (const [i, draft] of drafts.slice(0, 330).entries()) {
      const id = draft.id;
      let text = '';
      if (i % 5 === 4) while (text === '' || text === draft.text) text = newText();
      const start = performance.now();
      if (i % 5 < 2) await ws.drafts.act('approve', reviewer, { id, justification: 'Checked with legal.' });
      else if (i % 5 === 2) await ws.drafts.act('request_changes', reviewer, { id, comment: 'Please check the figures.' });
      else if (i % 5 === 3) await ws.drafts.act('comment', reviewer, { id, text: 'Looks fine.' });
      else await ws.drafts.act('edit', reviewer, { id, text, comment: 'Shortened.' });
      if (i >= 30) actionMs.push(performance.now() - start);
    }
    console.log(JSON.stringify({ terms: competitors.length, actionMs, policyMs }));
  } finally {
    await ws.close();
  }
}

main(dataDir).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
