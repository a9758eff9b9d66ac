import { SpendView } from '../../features/spend/components/spend-view.tsx';

/** The Spend view (`/spend`), loaded only when opened: its chart library stays out of the initial download. */
export default function SpendRoute() {
  return <SpendView />;
}
