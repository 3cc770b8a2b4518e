import type { UptimeBar } from '../../server/api/contract';
import { formatRatio } from '../format';
import { uptimeClass, uptimeWords } from '../uptime-colour';

/** One bar a day, oldest first; colour by class, details on hover and for screen readers. */
export function UptimeBars({ bars }: { bars: UptimeBar[] }) {
  const measured = bars.filter((bar) => bar.ratio !== null);
  const runs = measured.reduce((sum, bar) => sum + bar.runs, 0);
  const failures = measured.reduce((sum, bar) => sum + bar.failures, 0);
  return (
    <figure className="daily">
      <ol className="bars" aria-label={`Daily uptime, last ${bars.length} days`}>
        {bars.map((bar) => {
          const words = `${bar.day}: ${bar.ratio === null ? 'no data' : `${formatRatio(bar.ratio)} (${bar.failures} of ${bar.runs} runs failed), ${uptimeWords[uptimeClass(bar.ratio)]}`}`;
          return <li key={bar.day} className={`bar ${uptimeClass(bar.ratio)}`} title={words} aria-label={words} />;
        })}
      </ol>
      <figcaption>
        <span>{bars[0]?.day}</span>
        <span>{runs > 0 ? `${formatRatio(1 - failures / runs)} over ${bars.length} days` : 'no runs yet'}</span>
        <span>today</span>
      </figcaption>
    </figure>
  );
}
