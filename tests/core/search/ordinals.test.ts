import { describe, expect, it } from 'vitest';
import { ordinalForms } from '../../../src/core/search/ordinals.js';

describe('ordinals written as numbers or as words', () => {
  it('pairs each numeric ordinal with its word, both ways', () => {
    expect(ordinalForms('12th')).toEqual(['twelfth']);
    expect(ordinalForms('twelfth')).toEqual(['12th']);
    expect(ordinalForms('1st')).toEqual(['first']);
    expect(ordinalForms('third')).toEqual(['3rd']);
    expect(ordinalForms('eleventh')).toEqual(['11th']);
    expect(ordinalForms('fiftieth')).toEqual(['50th']);
  });

  it('leaves numbers without a one-word form, and other words, alone', () => {
    expect(ordinalForms('75th')).toEqual([]);
    expect(ordinalForms('2250')).toEqual([]);
    expect(ordinalForms('peacecon')).toEqual([]);
  });
});
