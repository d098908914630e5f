// Status, kind and channel filters for the notification log.
import {
  NOTIFICATION_STATUS_LABELS, NOTIFICATION_STATUSES, NOTIFICATION_TYPE_LABELS, NOTIFICATION_TYPES, SEND_CHANNEL_LABELS, SEND_CHANNELS,
  type NotificationType, type SendChannel,
} from '../../../shared/domain/sending';
import { hasLogFilters, NO_FILTERS, STATUS_GROUPS, type LogFilters, type StatusFilter } from './logFilters';

interface LogFilterBarProps {
  filters: LogFilters;
  onChange: (filters: LogFilters) => void;
}

export function LogFilterBar({ filters, onChange }: LogFilterBarProps) {
  const set = (patch: Partial<LogFilters>) => onChange({ ...filters, ...patch });
  return (
    <div className="toolbar-row log-filters" role="group" aria-label="Filter messages">
      <div className="inline-field">
        <label htmlFor="log-status">Status</label>
        <select id="log-status" value={filters.status} onChange={(e) => set({ status: e.target.value as StatusFilter })}>
          <option value="">All statuses</option>
          <optgroup label="Together">
            <option value="attention">{STATUS_GROUPS.attention.label}</option>
            <option value="waiting">{STATUS_GROUPS.waiting.label}</option>
          </optgroup>
          <optgroup label="One status">
            {NOTIFICATION_STATUSES.map((s) => <option key={s} value={s}>{NOTIFICATION_STATUS_LABELS[s]}</option>)}
          </optgroup>
        </select>
      </div>
      <div className="inline-field">
        <label htmlFor="log-type">Kind</label>
        <select id="log-type" value={filters.type} onChange={(e) => set({ type: e.target.value as NotificationType | '' })}>
          <option value="">All kinds</option>
          {NOTIFICATION_TYPES.map((t) => <option key={t} value={t}>{NOTIFICATION_TYPE_LABELS[t]}</option>)}
        </select>
      </div>
      <div className="inline-field">
        <label htmlFor="log-channel">Channel</label>
        <select id="log-channel" value={filters.channel} onChange={(e) => set({ channel: e.target.value as SendChannel | '' })}>
          <option value="">Email and SMS</option>
          {SEND_CHANNELS.map((c) => <option key={c} value={c}>{SEND_CHANNEL_LABELS[c]}</option>)}
        </select>
      </div>
      {hasLogFilters(filters) && (
        <button type="button" className="btn-link" onClick={() => onChange(NO_FILTERS)}>Clear filters</button>
      )}
    </div>
  );
}
