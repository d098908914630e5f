// The report builder's form, the report on screen and the saved report it came from: kept while a
// person opens an invoice from the results and comes back.
import { create } from 'zustand';
import type { ReportDefinitionInput, ReportResult, SavedReport } from '../../../shared/domain/analytics';
import { EMPTY_FORM, type ReportForm } from './reportForm';

interface ReportState {
  form: ReportForm;
  /** The saved report being edited, so Save changes it (with its version) instead of adding one. */
  opened: Pick<SavedReport, 'id' | 'name' | 'version'> | null;
  /** The last report run and the definition it ran with: exports use this, not the form being edited. */
  result: { definition: ReportDefinitionInput; value: ReportResult } | null;
  setForm: (patch: Partial<ReportForm>) => void;
  replaceForm: (form: ReportForm, opened: ReportState['opened']) => void;
  setOpened: (opened: ReportState['opened']) => void;
  setResult: (result: ReportState['result']) => void;
}

export const useReportStore = create<ReportState>((set) => ({
  form: EMPTY_FORM,
  opened: null,
  result: null,
  setForm: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
  replaceForm: (form, opened) => set({ form, opened }),
  setOpened: (opened) => set({ opened }),
  setResult: (result) => set({ result }),
}));
