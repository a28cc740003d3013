/** Prints one figure in the shared format: `name: value unit (baseline: value, ratio: x)`. */
export function report(name: string, value: number, unit: string, baseline?: number): void {
  const v = fmt(value);
  if (baseline === undefined) {
    console.log(`${name}: ${v} ${unit}`);
    return;
  }
  const ratio = baseline === 0 ? Infinity : value / baseline;
  console.log(`${name}: ${v} ${unit} (baseline: ${fmt(baseline)} ${unit}, ratio: ${ratio.toFixed(2)}x)`);
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}
