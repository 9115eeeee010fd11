/** Half of the oracle's transitions (suite.ts); the other file runs the rest in parallel. */
import { oracleSuite } from './suite.js';

oracleSuite(1, 2);
