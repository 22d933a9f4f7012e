// What bench:ui runs inside the page, as plain JavaScript text so the
// browser gets it exactly as written (no bundler helpers). Times are the
// page's own performance.now(): since navigation for the first render, since
// the change for a filter or a search, each taken at the animation frame
// after the DOM shows the result (the frame about to be painted).
import type { Page } from '@playwright/test';

/** Installed before the page's own scripts: notes when the first row and the status counts appear. */
export const firstRenderProbe = `(() => {
  const marks = (window.__benchMarks = {});
  const note = (name) => {
    marks[name + 'Dom'] = performance.now();
    requestAnimationFrame(() => { marks[name] = performance.now(); });
  };
  const check = () => {
    if (marks.firstRowDom === undefined && document.querySelector('[role="listbox"] [role="option"]:not(.queue-row-loading)')) note('firstRow');
    if (marks.countsDom === undefined && document.querySelector('[role="tablist"] .tab-count')) note('counts');
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

export interface FirstRender {
  firstRow: number;
  counts: number;
  /** Where the time went: the app's script run (DOMContentLoaded), and the first queue query's request and answer. */
  scriptsDone: number;
  queryStart: number;
  queryEnd: number;
}

const breakdown = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const query = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/queryQueue'));
  return { scriptsDone: nav ? nav.domContentLoadedEventEnd : NaN, queryStart: query ? query.startTime : NaN, queryEnd: query ? query.responseEnd : NaN };
})()`;

/** Navigates and waits for the first row and the counts; the probe must be installed on the page's context. */
export async function measureFirstRender(page: Page, url: string): Promise<FirstRender> {
  try {
    return await navigateAndWait(page, url);
  } catch (err) {
    // Seen once on a saturated VM: the page never showed. One more try before giving up.
    console.error(`[bench:ui] ${err instanceof Error ? err.message : String(err)}; loading the page again`);
    return navigateAndWait(page, url);
  }
}

async function navigateAndWait(page: Page, url: string): Promise<FirstRender> {
  await page.goto(url, { waitUntil: 'commit' });
  // Polled from outside (the page's CSP refuses the eval waitForFunction needs); the times themselves were taken inside.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const marks = (await page.evaluate('window.__benchMarks ? { firstRow: window.__benchMarks.firstRow, counts: window.__benchMarks.counts } : null')) as { firstRow?: number; counts?: number } | null;
    if (marks?.firstRow !== undefined && marks.counts !== undefined) {
      const parts = (await page.evaluate(breakdown)) as Pick<FirstRender, 'scriptsDone' | 'queryStart' | 'queryEnd'>;
      return { firstRow: marks.firstRow, counts: marks.counts, ...parts };
    }
    if (Date.now() > deadline) throw new Error(`the queue did not show within 30 s at ${new URL(url).origin}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Changes a filter control as a person would (React sees the same events) and
// resolves once the list has been busy with the question and shows its answer.
const changeAndWait = `async ({ control, value }) => {
  const panel = () => document.querySelector('[role="tabpanel"]');
  let target;
  if (control === 'search') {
    target = document.querySelector('fieldset input[type="search"]');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(target, value);
  } else {
    target = document.querySelector('fieldset select option[value="x"]').parentElement;
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(target, value);
  }
  const settled = new Promise((resolve, reject) => {
    let sawBusy = false;
    const timer = setTimeout(() => reject(new Error('no answer within 20 s')), 20000);
    const observer = new MutationObserver(() => {
      const list = panel() && panel().querySelector('[role="listbox"]');
      if (list && list.getAttribute('aria-busy') === 'true') { sawBusy = true; return; }
      if (sawBusy) { observer.disconnect(); clearTimeout(timer); resolve(); }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const t0 = performance.now();
  target.dispatchEvent(new Event(control === 'search' ? 'input' : 'change', { bubbles: true }));
  await settled;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return performance.now() - t0;
}`;

/** Milliseconds from changing a control (`search` text, or the `platform` select: '' for any) to the list showing the result. */
export async function measureChange(page: Page, control: 'search' | 'platform', value: string): Promise<number> {
  return (await page.evaluate(`(${changeAndWait})(${JSON.stringify({ control, value })})`)) as number;
}
