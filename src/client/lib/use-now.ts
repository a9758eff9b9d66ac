import { useEffect, useState } from 'react';

/** The current time in ms, refreshed every `interval` ms while `enabled` (for elapsed-time labels). */
export function useNow(interval: number, enabled: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    const tick = () => setNow(Date.now());
    // The first refresh right away (a task later, not during the effect), then one every `interval` ms.
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, interval);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [interval, enabled]);
  return now;
}
