// What npm run bench:queue and its child processes share: the seeded
// generator, the draft texts, the team policy and the statistics.
import type { NewDraft } from '../../electron/core/workstation';
import type { Platform, Purpose } from '../../shared/model';

/** A seeded generator, so every run measures the same drafts. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

/** The team policy of the labelled corpus (tests/rules/corpus/policy.json): the built-in rules plus its lists. */
export const benchPolicy = {
  extends: 'default' as const,
  lists: {
    competitors: ['凡客', 'Vancl', '当当', '苏宁', '国美', '拼多多', '唯品会', '聚美优品', '阿里巴巴', 'Alibaba', 'Amazon', 'Walmart'],
    confidential: ['星河计划', '青鸟项目', '北极星二期', '天穹项目', 'Project Falcon', 'Nebula X'],
  },
};

type Language = 'zh-Hans' | 'zh-Hant' | 'en';

// Sentences of the kind an executive posts, most of them from the labelled
// corpus (tests/rules/corpus); `risky` ones draw findings.
const clean: Record<Language, string[]> = {
  'zh-Hans': [
    '新版本 3.2.1 今天上线，修复了上周大家反馈的搜索问题。',
    '感谢测试同学加班验证！',
    '感谢仓储中心的李娜和她的团队，连续三周保障了春节前的发货。',
    '上午10:30在杭州的分享会上聊了聊AI在客服中的应用，录像已经放在官方账号上了。',
    '春节快乐！感谢每一位用户和同事过去一年的陪伴，祝大家新的一年平安顺遂。',
    '第一次见面是在五年前的一个展会上，如今我们已经是多年的合作伙伴。',
    '请大家提防冒充客服的诈骗电话，我们不会索要验证码。',
    '最终版的用户调研报告今天定稿，感谢研究团队三个月的细致工作。',
    '看到有朋友说会员积分迟迟没到账，已转客服跟进，官方账号会回复处理结果。',
    '开放平台API文档v3.1已更新，开发者可以在官网查看变更记录。',
    '第一次在武汉仓库跟夜班同事一起打包，凌晨三点的流水线比想象中安静。',
    '今天跑了10公里，配速不快，但坚持到了最后。',
    '和产品团队复盘了今年的路线图，下个季度重点是售后体验。',
    '最近有用户反映App在部分安卓机型上闪退，这个问题我已转给产品团队。',
    '周末愉快！',
  ],
  'zh-Hant': [
    '新版 4.0 今天上線，感謝研發團隊的努力。最新的更新說明放在官網。',
    '這次颱風期間，台南門市的同仁主動留守幫忙鄰居，真的很感動。',
    '有顧客反映門市的冷氣太冷，已轉交門市營運部跟進，官方帳號稍後會回覆。',
    '最初創業時只有一張桌子，今天在新辦公室開會，突然有點感觸。',
    '謝謝一路同行的夥伴。',
    '週末陪爸媽去九份喝茶，山上霧很大，最近難得這麼放鬆。',
    'ESG 報告今天正式發布，謝謝永續小組一年來的努力。',
    '本月起我們的客服中心導入AI輔助回覆，但每一則投訴仍會由真人跟進。',
    '感謝統一超商與全家便利商店的夥伴，讓偏鄉的包裹也能在兩天內取件。',
    '滾動更新已經完成，部分用戶可能需要重新登入。有問題請聯繫客服。',
  ],
  en: [
    'First time visiting our Chengdu warehouse. The team showed me how they halved packing errors this year.',
    'Impressive work.',
    'The invoice download bug reported last week is fixed. Thanks to everyone who sent details.',
    'Recently spent a morning on the support desk. Humbling, and a reminder of why we do this.',
    'Q1 planning is done. Thanks to the finance and product teams for a focused week.',
    "We've passed your feedback on dark mode to the product manager; the official account will post an update when it ships.",
    'At first I thought the new packaging was too plain. Our customers disagreed, and they were right.',
    'Grateful for partners who pick up the phone at 2 a.m.',
    'My main point at today’s panel: AI should route problems to the right people faster, not replace them.',
    'Proud of the logistics team for a calm peak season.',
  ],
};

const risky: Record<Language, string[]> = {
  'zh-Hans': [
    '我们的配送速度比阿里巴巴快一倍，这是行业第一的水平。',
    '北极星二期的样机今天在实验室跑通了，感谢研发团队没日没夜的付出。',
    '开了一整天的会，方案又被推翻了，心态崩了!!!',
    '这款空气炸锅真的 yyds，全网最强，质量 100% 有保证。',
    '说个好消息：明年我们计划再招 2.5 万人，主要是配送和客服岗位。',
  ],
  'zh-Hant': [
    '真的氣炸了！！！客戶的包裹第三次送錯地址。',
    '我們正在和一家日本零售集團談合併，預計年底前完成簽約。',
    '這款保溫杯用的是頂級 316 不鏽鋼，絕對是市面上最佳的選擇。',
  ],
  en: [
    'Project Falcon goes live next month. Can’t wait to show you.',
    'Our platform is the No. 1 choice for small retailers in Asia.',
    'Between us: next quarter’s numbers will surprise a lot of people.',
    'The analysts who downgraded us this morning are idiots. Read the filing.',
  ],
};

const closers: Record<Language, string[]> = {
  'zh-Hans': ['谢谢大家！', '大家辛苦了！', '继续努力。'],
  'zh-Hant': ['謝謝大家！', '大家辛苦了！', '繼續努力。'],
  en: ['Thanks, all.', 'Onwards.', 'More soon.'],
};

const minLength = 40;
const maxLength = 280;
const cjkEnd = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]$/;

function join(text: string, next: string): string {
  if (text === '') return next;
  return cjkEnd.test(text) && cjkEnd.test(next[0] ?? '') ? text + next : `${text} ${next}`;
}

/** Draft texts of 40–280 characters: a language (a tenth mix Chinese and English), fragments up to a drawn length, some risky. */
export function textGenerator(seed: number): () => string {
  const rand = random(seed);
  return () => {
    const roll = rand();
    const languages: Language[] = roll < 0.4 ? ['zh-Hans'] : roll < 0.6 ? ['zh-Hant'] : roll < 0.9 ? ['en'] : ['zh-Hans', 'en'];
    const target = minLength + Math.floor(rand() * (maxLength - minLength + 1));
    const riskyAt = rand() < 0.2 ? Math.floor(rand() * 3) : -1;
    let text = '';
    const used = new Set<string>();
    for (let part = 0; text.length < target && part < 8; part++) {
      const language = pick(rand, languages);
      const fragment = pick(rand, part === riskyAt ? risky[language] : clean[language]);
      if (used.has(fragment)) continue;
      const next = join(text, fragment);
      if (next.length > maxLength) break;
      used.add(fragment);
      text = next;
    }
    while (text.length < minLength) text = join(text, pick(rand, closers[pick(rand, languages)]));
    return text;
  };
}

const platformsByWeight: Platform[] = ['weibo', 'weibo', 'weibo', 'x', 'x', 'linkedin', 'linkedin'];
const purposeChoices: (Purpose | undefined)[] = [undefined, 'image', 'product', 'customer-service'];

/** The drafts an import brings: mixed platforms and purposes, now and then a crisis post. */
export function draftGenerator(seed: number): () => NewDraft {
  const rand = random(seed * 7 + 1);
  const text = textGenerator(seed);
  return () => {
    const purpose = pick(rand, purposeChoices);
    return { platform: pick(rand, platformsByWeight), text: text(), ...(purpose ? { purpose } : {}), crisis: rand() < 0.02 };
  };
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

export const mib = (bytes: number) => bytes / 1024 / 1024;
