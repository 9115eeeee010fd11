import { runnerSuite } from './suite.js';

runnerSuite('direct', () => (url) => url);
