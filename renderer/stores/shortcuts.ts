// Whether the keyboard shortcuts help is open.
import { create } from 'zustand';

interface ShortcutsState {
  helpOpen: boolean;
  setHelpOpen: (open: boolean) => void;
}

export const useShortcuts = create<ShortcutsState>((set) => ({
  helpOpen: false,
  setHelpOpen: (helpOpen) => set({ helpOpen }),
}));
