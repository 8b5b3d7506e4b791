// The domain of the sample service: orders and their lines.

export interface Money {
  currency: string;
  cents: number;
}

export interface OrderLine {
  sku: string;
  quantity: number;
  /** Missing for lines whose product was deleted from the catalogue after the order was placed. */
  unitPrice?: Money;
}

export interface Order {
  id: string;
  customer: string;
  lines: OrderLine[];
}

/** Orders arriving in batches, as the queue would deliver them. */
export function incomingBatches(): Order[][] {
  return [
    [
      { id: 'A-1001', customer: 'ada', lines: [{ sku: 'kettle', quantity: 1, unitPrice: { currency: 'EUR', cents: 3999 } }] },
      { id: 'A-1002', customer: 'grace', lines: [{ sku: 'mug', quantity: 4, unitPrice: { currency: 'EUR', cents: 650 } }] },
    ],
    [
      { id: 'A-1003', customer: 'linus', lines: [{ sku: 'teapot', quantity: 2, unitPrice: { currency: 'EUR', cents: 2450 } }] },
      // The bug: a discontinued product has no price any more.
      { id: 'A-1004', customer: 'barbara', lines: [{ sku: 'samovar', quantity: 1 }] },
    ],
  ];
}
