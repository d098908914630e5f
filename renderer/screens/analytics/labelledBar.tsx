import type { BarShapeProps } from 'recharts';

/**
 * A bar shape that carries its own name ("31–60 days past due on 21 Nov 2026: KES 162,400.00"), so a
 * screen reader exploring the chart and a test finding a bar both read it; the click comes from <Bar onClick>.
 */
export function labelledBar(describe: (payload: unknown) => string | null, clickable: boolean, fillOf?: (payload: unknown) => string) {
  return function LabelledBar(props: BarShapeProps) {
    const { x, y, width, height, fill, payload } = props;
    if (!width || !height) return <g />;
    // A negative amount (more credited than billed) draws downwards: an SVG rect wants a positive height.
    const top = height < 0 ? y + height : y;
    const name = describe(payload);
    return (
      <rect
        x={x}
        y={top}
        width={Math.abs(width)}
        height={Math.abs(height)}
        fill={fillOf ? fillOf(payload) : fill}
        role={name ? 'img' : undefined}
        aria-label={name ?? undefined}
        className={clickable ? 'bar-clickable' : undefined}
      />
    );
  };
}
