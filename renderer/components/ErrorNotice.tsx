import type { ReactNode } from 'react';

interface ErrorNoticeProps {
  title?: string;
  message: string;
  children?: ReactNode;
}

/** A failure shown where it happened, with room for what to do next. */
export function ErrorNotice({ title = 'Something went wrong', message, children }: ErrorNoticeProps) {
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      <p>{message}</p>
      {children && <div className="notice-actions">{children}</div>}
    </div>
  );
}
