import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

/**
 * exceljs's in-memory Workbook (read and write XLSX through jszip), without
 * the package's main entry: that also loads its streaming reader, whose old
 * `unzipper` pulls in a chain of polyfills ending in packages with a
 * "module-sync" export, which Playwright's module loader (our e2e tests run
 * the hub inside it) fails to link. The streaming reader is not needed here.
 */
const require = createRequire(import.meta.url);
export const Workbook = (require('exceljs/lib/doc/workbook.js') as typeof ExcelJS.Workbook);
export type Workbook = ExcelJS.Workbook;
