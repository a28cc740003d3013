// A prerendered page with no session or database work: the benchmarks' floor for time to first byte.
export const dynamic = 'force-static';

export default function StaticBaseline() {
  return <p>static</p>;
}
