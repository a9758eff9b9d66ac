import { useEffect, useState } from 'react';

/** The current time in ms, refreshed every `interval` ms while `enabled` (for elapsed-time labels). */
export function useNow(interval: number, enabled: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), interval);
    return () => window.clearInterval(timer);
  }, [interval, enabled]);
  return now;
}
