import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../src/domain/amount.js';
import { arBalanskonto, kontotyp, oreTillKr, tomBok } from '../src/books/model.js';

describe('books model helpers', () => {
  it('oreTillKr writes exact kronor', () => {
    expect(oreTillKr(0n)).toBe('0.00');
    expect(oreTillKr(5n)).toBe('0.05');
    expect(oreTillKr(-5n)).toBe('-0.05');
    expect(oreTillKr(-123456n)).toBe('-1234.56');
    expect(oreTillKr(10n ** 25n)).toBe('100000000000000000000000.00');
  });
  it('oreTillKr agrees with Decimal for any integer', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (n) => {
      expect(new Decimal(oreTillKr(n)).equals(new Decimal(n.toString()).div(100))).toBe(true);
    }));
  });
  it('kontotyp: #KTYP wins, else BAS class', () => {
    expect(kontotyp('1930', null)).toBe('T');
    expect(kontotyp('2010', undefined)).toBe('S');
    expect(kontotyp('3011', null)).toBe('I');
    expect(kontotyp('5011', null)).toBe('K');
    expect(kontotyp('3011', 'K')).toBe('K');
    expect(arBalanskonto(kontotyp('1510', null))).toBe(true);
    expect(arBalanskonto(kontotyp('4011', null))).toBe(false);
  });
  it('tomBok is empty', () => {
    const b = tomBok('x.se', 'cp437');
    expect(b.saldon.size).toBe(0);
    expect(b.verifikationer.antal).toBe(0);
  });
});
