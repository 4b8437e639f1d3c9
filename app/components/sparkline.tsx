/** A small server-rendered trend line (SVG), readable before JavaScript loads and in print; the title gives the figures. */
export function Sparkline({ values, label, width = 120, height = 28 }: { values: Array<number | null>; label: string; width?: number; height?: number }) {
  const points = values.map((v, i) => (v == null ? null : { x: (i / Math.max(1, values.length - 1)) * width, y: height - (v / 100) * height }));
  const path = points.filter((p): p is { x: number; y: number } => p != null).map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
  const described = values.map((v) => (v == null ? "–" : `${v}%`)).join(", ");
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${label}: ${described}`} className="sparkline">
      <title>{`${label}: ${described}`}</title>
      <line x1="0" y1={height / 2} x2={width} y2={height / 2} stroke="#d5dbe3" strokeDasharray="2 2" />
      {path ? <polyline points={path} fill="none" stroke="#1d4f5c" strokeWidth="2" /> : null}
    </svg>
  );
}
