/** Recharts measures the page, so charts render after hydration; the box keeps its size meanwhile. */
import { useEffect, useState, type ReactNode } from "react";

export function ClientOnly({ children, height }: { children: () => ReactNode; height: number }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <div className="chart-box" style={{ height }}>
      {mounted ? children() : null}
    </div>
  );
}
