// A validation library: zod parses generated payloads thousands of times through nested objects,
// arrays, unions, refinements and transforms; then a seeded refinement or transform throws (a bug
// in user code, not a validation failure) from deep inside zod's parse of a seeded field.
'use strict';
const { between, lab, pick, warm } = require('./seeded');
const { z } = lab('zod');

let failAt = -1;
let calls = 0;
const failing = pick(['refine', 'transform', 'superRefine']);
function checked(kind, value) {
  if (kind === failing && ++calls === failAt) throw new Error(`${kind} broke on ${JSON.stringify(value)} (call ${calls})`);
  return value;
}

const Item = z.object({
  sku: z.string().min(3).refine((s) => checked('refine', s).startsWith('SKU-')),
  qty: z.number().int().positive(),
  price: z.number().transform((p) => Math.round(checked('transform', p) * 100)),
});
const Order = z.object({
  id: z.string().uuid().or(z.number()),
  customer: z.object({ name: z.string(), email: z.string().email().optional() }),
  items: z.array(Item).min(1),
  notes: z.union([z.string(), z.null()]),
}).superRefine((order, ctx) => {
  if (checked('superRefine', order.items.length) > 50) ctx.addIssue({ code: 'custom', message: 'too many items' });
});

function payload(n) {
  const items = Array.from({ length: 1 + (n % 6) }, (_, i) => ({ sku: `SKU-${n}-${i}`, qty: 1 + i, price: 1.5 * i + n / 100 }));
  return { id: n % 2 === 0 ? n : `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, customer: { name: `c${n}`, email: `c${n}@example.com` }, items, notes: n % 3 === 0 ? null : 'ok' };
}

warm(between(3000, 8000), (i) => Order.parse(payload(i)));

const last = payload(between(1, 9999));
calls = 0;
failAt = failing === 'superRefine' ? 1 : between(1, last.items.length);
Order.parse(last);
