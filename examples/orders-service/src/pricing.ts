// Pricing rules. Kept in their own module so a stack crosses files, as real services do.

import type { Money, Order, OrderLine } from './orders';

const VAT_RATE = 0.2;

function lineTotal(line: OrderLine): number {
  // Assumes every line still has a price: the crash the demo investigates.
  const price = line.unitPrice as Money;
  return price.cents * line.quantity;
}

export function orderTotal(order: Order): Money {
  const net = order.lines
    .map((line) => lineTotal(line))
    .reduce((sum, cents) => sum + cents, 0);
  return { currency: 'EUR', cents: Math.round(net * (1 + VAT_RATE)) };
}
