import { describe, expect, it } from 'vitest';
import { pageWindows } from '../../src/apply/batch.js';

describe('pages still to change, as the windows the second pass batches', () => {
  it('spans at most the given number of pages from the first page of each window', () => {
    expect(pageWindows([], 256)).toEqual([]);
    expect(pageWindows([7], 256)).toEqual([[7, 7]]);
    expect(pageWindows([3, 4, 9, 700], 256)).toEqual([[3, 9], [700, 700]]);
    expect(pageWindows([0, 255, 256, 511, 512], 256)).toEqual([[0, 255], [256, 511], [512, 512]]);
  });
});
