import { create } from 'zustand';

/** Whether the live events stream (`GET /api/events`) is open. Written by the app's live events hook, read by features that poll while it is down. */
export interface LiveConnectionState {
  /** True while the stream is open; false before it first opens and while it reconnects. */
  connected: boolean;
  setConnected: (connected: boolean) => void;
}

/** The live events connection state, shared by the app shell and the features. */
export const useLiveConnectionStore = create<LiveConnectionState>()((set) => ({
  connected: false,
  setConnected: (connected) => set({ connected }),
}));
