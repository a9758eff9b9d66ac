import { SpendView } from '../../features/spend/components/spend-view.tsx';
// Its utilities are not in the first download's stylesheet (styles.css).
import '../../lazy-view-styles.css';

/** The Spend view (`/spend`), loaded only when opened: its chart library stays out of the initial download. */
export default function SpendRoute() {
  return <SpendView />;
}
