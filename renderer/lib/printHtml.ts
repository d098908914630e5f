/**
 * Prints a whole HTML page (a report made printable by the backend) through the system print dialog,
 * where "Save as PDF" makes the PDF. A hidden iframe rather than a new window: Electron's sandboxed
 * window and pop-up blockers both allow it. Scripts in the page never run (sandbox without allow-scripts).
 */
export function printHtml(html: string): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-modals allow-same-origin');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.cssText = 'position:fixed;width:0;height:0;border:0;right:0;bottom:0;visibility:hidden';
  frame.srcdoc = html;
  frame.addEventListener('load', () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
    // print() returns when the dialog closes; the frame can go once the page has handed it over.
    window.setTimeout(() => frame.remove(), 1000);
  });
  document.body.append(frame);
}
