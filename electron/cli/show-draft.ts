import { countBySeverity, type Draft, type DraftEvent, type Revision } from '../../shared/model';

const indent = (text: string, by = '    ') =>
  text
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');

function field(label: string, value: string): string {
  return `${`${label}:`.padEnd(15)}${value}`;
}

function findingsSummary(revision: Revision): string {
  const counts = countBySeverity(revision.findings);
  if (revision.findings.length === 0) return 'no findings';
  return `findings: ${counts.error} error, ${counts.warning} warning, ${counts.info} info`;
}

function revisionBlock(revision: Revision): string {
  const lines = [`Revision ${revision.number} by ${revision.author} at ${revision.at} (${findingsSummary(revision)})`, indent(revision.text)];
  for (const f of revision.findings) lines.push(`    - ${f.severity} ${f.ruleId} at ${f.start}-${f.end} “${f.match}”: ${f.message}`);
  return lines.join('\n');
}

function eventBlock(event: DraftEvent): string {
  const lines = [`${event.at}  ${event.actor} (${event.role})  ${event.type}  revision ${event.revision}  → ${event.status}`];
  if (event.comment !== undefined) lines.push(`    comment: ${event.comment.replace(/\n/g, '\n             ')}`);
  if (event.publishedAt !== undefined) lines.push(`    published at: ${event.publishedAt}`);
  if (event.url !== undefined) lines.push(`    url: ${event.url}`);
  for (const o of event.overrides ?? []) {
    lines.push(`    override: ${o.ruleId} at ${o.start}-${o.end} “${o.match}” — justification: ${o.justification}`);
  }
  return lines.join('\n');
}

/** A draft as a readable block: header fields, each revision, then the history. */
export function formatDraft(draft: Draft): string {
  const header = [
    field('id', draft.id),
    field('status', draft.status),
    field('platform', draft.platform),
    field('purpose', draft.purpose ?? '-'),
    field('crisis', draft.crisis ? 'yes' : 'no'),
    field('author', draft.author),
    field('created', draft.createdAt),
    field('updated', draft.updatedAt),
    field('waiting since', draft.waitingSince ?? '-'),
  ];
  if (draft.publishedAt !== undefined) header.push(field('published', draft.publishedAt));
  if (draft.publishedUrl !== undefined) header.push(field('url', draft.publishedUrl));
  return [
    header.join('\n'),
    '',
    'Revisions:',
    draft.revisions.map(revisionBlock).join('\n'),
    '',
    'History:',
    draft.events.map(eventBlock).join('\n'),
  ].join('\n');
}
