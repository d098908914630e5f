// A QR code drawn from its modules (rows of 0s and 1s made by the backend), as one SVG path.
export function QrCode({ rows, size = 128, label }: { rows: string[]; size?: number; label: string }) {
  if (rows.length === 0) return null;
  const n = rows.length;
  let d = '';
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) if (row[x] === '1') d += `M${x + 4} ${y + 4}h1v1h-1z`;
  });
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${n + 8} ${n + 8}`} shapeRendering="crispEdges" style={{ background: '#fff' }}>
      <path d={d} fill="#000" />
    </svg>
  );
}
