// The Messages screen's filters and the log query they make.
import type { ChannelInput } from '../../../shared/contract';
import type { NotificationStatus, NotificationType, SendChannel } from '../../../shared/domain/sending';

/** A status, or a group of them a person thinks of as one. */
export type StatusFilter = NotificationStatus | 'attention' | 'waiting' | '';

/** "Needs attention": failed, not confirmed, or waiting again after an error. "Not sent yet": scheduled, waiting or sending. */
export const STATUS_GROUPS: Record<'attention' | 'waiting', { label: string; statuses: NotificationStatus[] }> = {
  attention: { label: 'Needs attention', statuses: ['failed', 'unconfirmed', 'retrying'] },
  waiting: { label: 'Not sent yet', statuses: ['scheduled', 'pending', 'sending'] },
};

export interface LogFilters {
  status: StatusFilter;
  type: NotificationType | '';
  channel: SendChannel | '';
}

export const NO_FILTERS: LogFilters = { status: '', type: '', channel: '' };

export const LOG_LIMIT = 300;

export function toLogQuery(f: LogFilters): ChannelInput<'sending.log'> {
  const statuses = f.status === '' ? null : f.status === 'attention' || f.status === 'waiting' ? STATUS_GROUPS[f.status].statuses : [f.status];
  return {
    limit: LOG_LIMIT,
    ...(statuses ? { statuses } : {}),
    ...(f.type ? { types: [f.type] } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
  };
}

export function hasLogFilters(f: LogFilters): boolean {
  return f.status !== '' || f.type !== '' || f.channel !== '';
}
