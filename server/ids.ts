import { v7 } from 'uuid';

/** Time-ordered ids, like the desktop's (DESIGN.md). */
export const newId = (): string => v7();
