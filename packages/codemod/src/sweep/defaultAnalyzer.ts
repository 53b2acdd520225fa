import { analyzeSource } from '../engine/analyzeSource.js';
import { fileKind } from '../engine/parse/fileKind.js';
import type { Analyzer } from './Analyzer.js';

/** The real engine: what `sweep` and its worker threads use unless a test injects another. */
export const defaultAnalyzer: Analyzer = { analyzeSource, fileKind };
