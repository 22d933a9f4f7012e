import type { ChainHead, DashboardStats, ExportFormat, LogFilter } from '../../../shared/log/log-query';
import type { LogRecord } from '../../../shared/log/log-record';
import { requirePermission, type Asker } from '../../../shared/permissions';
import type { RuleCategory } from '../../../shared/rules/types';
import { yieldToEventLoop } from '../async/serial';
import { computeDashboard } from '../log/dashboard';
import { writeLog, type ExportSummary, type TextSink } from '../log/log-export';
import { toLogRecord } from '../log/log-facts';
import { checkLogFilter, matchesLogFilter } from '../log/log-format';
import type { CoreContext } from './core-context';

/** How far a log export got: drafts looked at, of all drafts in the store. */
export type ExportProgress = (done: number, total: number) => void;

/** Drafts between two progress reports: about 0.1 s of a large export. */
const progressEvery = 5_000;
/** Drafts looked at between pauses, so other calls are answered during a long export. */
const batchDrafts = 1_000;

export interface LogItem {
  record: LogRecord;
  categories: readonly RuleCategory[];
}

/** The approved-post log: its records, exports, dashboard and the journal's chain head. */
export class ApprovedLogDomain {
  constructor(
    private readonly context: CoreContext,
    private readonly profileCount: () => number,
  ) {}

  /** Only reviewers and admins (or someone at the terminal) may export the log or see its dashboard. */
  requireAccess(by: Asker): void {
    requirePermission('readLog', by, { profileCount: this.profileCount() });
  }

  /** The journal's chain head as of now, to be written down elsewhere. */
  async chainHead(): Promise<ChainHead> {
    await this.context.refresh();
    return this.context.store.head;
  }

  /**
   * The log in journal order, in batches: each approved or published draft
   * that passes `filter`, made from the in-memory index (memory does not
   * grow with the export), with a pause after every batch. Throws `invalid`
   * for a bad date.
   */
  async *batches(filter: LogFilter = {}, progress?: ExportProgress): AsyncGenerator<LogItem[]> {
    checkLogFilter(filter);
    const { store } = this.context;
    await this.context.refresh();
    const total = store.size;
    let done = 0;
    let batch: LogItem[] = [];
    for (const { summary, log } of store.logEntries()) {
      done += 1;
      if (progress && done % progressEvery === 0) progress(done, total);
      if (done % batchDrafts === 0) {
        if (batch.length > 0) yield batch;
        batch = [];
        await yieldToEventLoop();
      }
      if (filter.platform !== undefined && summary.platform !== filter.platform) continue;
      if (filter.author !== undefined && summary.author !== filter.author) continue;
      const record = toLogRecord(summary, log);
      if (record && matchesLogFilter(record, filter)) batch.push({ record, categories: log.approval!.categories });
    }
    if (batch.length > 0) yield batch;
    progress?.(total, total);
  }

  /** Writes the log in `format` to `sink`; the caller checks who may (see requireAccess). */
  export(format: ExportFormat, filter: LogFilter, sink: TextSink, progress?: ExportProgress): Promise<ExportSummary> {
    checkLogFilter(filter);
    const items = this.batches(filter, progress);
    const records = (async function* () {
      for await (const batch of items) yield batch.map((item) => item.record);
    })();
    return writeLog(records, format, sink, { filter, generatedAt: this.context.clock().toISOString() });
  }

  /** The dashboard's figures over the log. */
  dashboard(filter: LogFilter = {}): Promise<DashboardStats> {
    checkLogFilter(filter);
    return computeDashboard(this.batches(filter));
  }
}
