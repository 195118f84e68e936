/**
 * A chart of the Sales page, drawn with uPlot: the canvas has an accessible
 * name (role img), and "Show as table" swaps it for a real table with a
 * caption, its accessible alternative.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  dashed?: boolean;
  /** How a value reads in the table, the legend and on the axis. */
  format: (v: number) => string;
}

export function SalesChart(props: { id: string; title: string; days: number[]; series: ChartSeries[] }) {
  const [asTable, setAsTable] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const { id, title, days, series } = props;

  useEffect(() => {
    const el = box.current;
    if (asTable || !el) return;
    const width = Math.max(280, el.clientWidth || 600);
    const plot = new uPlot(
      {
        width,
        height: 220,
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            dash: s.dashed ? [6, 4] : undefined,
            // Days without data are gaps the line spans; points keep a lone day visible.
            spanGaps: true,
            points: { show: !s.dashed, size: 5 },
            value: (_u: uPlot, v: number | null) => (v === null ? '–' : s.format(v)),
          })),
        ],
        axes: [{}, { size: 80, values: (_u: uPlot, ticks: number[]) => ticks.map((t) => series[0]?.format(t) ?? String(t)) }],
        scales: { x: { time: true } },
      },
      [days.map((d) => d / 1000), ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const canvas = el.querySelector('canvas');
    canvas?.setAttribute('role', 'img');
    canvas?.setAttribute('aria-label', title);
    return () => plot.destroy();
  }, [asTable, days, series, title]);

  const day = (ms: number) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
  return (
    <section class="card sales-chart" aria-labelledby={`${id}-title`}>
      <div class="sales-chart-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <button type="button" class="btn btn-ghost btn-sm" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          Show as table
        </button>
      </div>
      {asTable ? (
        <table class="sales-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {series.map((s) => (
                <th scope="col" key={s.label}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d, i) => (
              <tr key={d}>
                <th scope="row">{day(d)}</th>
                {series.map((s) => {
                  const v = s.values[i];
                  return <td key={s.label}>{v === null || v === undefined ? '–' : s.format(v)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div ref={box} class="sales-plot" data-testid={`${id}-plot`} />
      )}
    </section>
  );
}
