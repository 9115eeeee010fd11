import { describe, expect, it } from 'vitest';
import { parseArray, serializeArray } from '../../src/db/arrays.js';

describe('parseArray', () => {
  it('reads flat lists of plain elements, with NULL and the empty list', () => {
    expect(parseArray('{}')).toEqual([]);
    expect(parseArray('{a}')).toEqual(['a']);
    expect(parseArray('{select,update,NULL}')).toEqual(['select', 'update', null]);
    expect(parseArray('{1,2,NULL}', Number)).toEqual([1, 2, null]);
    expect(parseArray('{t,f}', (raw) => raw === 't')).toEqual([true, false]);
  });

  it('reads quoted elements: commas, braces, spaces, escapes, and "NULL" as text', () => {
    expect(parseArray('{"a,b","c}",d}')).toEqual(['a,b', 'c}', 'd']);
    expect(parseArray('{"x y","NULL",NULL}')).toEqual(['x y', 'NULL', null]);
    expect(parseArray('{"a\\\\b","say \\"hi\\""}')).toEqual(['a\\b', 'say "hi"']);
    expect(parseArray('{"=anon/postgres"}')).toEqual(['=anon/postgres']);
  });

  it('reads nested lists and an explicit lower bound', () => {
    expect(parseArray('{{1,2},{3,4}}', Number)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(parseArray('[0:1]={a,b}')).toEqual(['a', 'b']);
  });

  it('reads back what serializeArray writes', () => {
    const values = ['plain', 'with space', 'comma,', 'brace}{', 'quote"', 'back\\slash', 'NULL', ''];
    expect(parseArray(serializeArray(values))).toEqual(values);
  });
});
