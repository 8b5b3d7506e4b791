// A small order-processing service that crashes on its second batch. `npm run demo` runs it with
// Node's dump flags and then shows the crash with Salvage.

import { incomingBatches, type Order } from './orders';
import { orderTotal } from './pricing';

class InvoiceService {
  private readonly issued = new Map<string, number>();

  invoice(order: Order): void {
    const total = orderTotal(order);
    this.issued.set(order.id, total.cents);
    console.log(`invoiced ${order.id} for ${order.customer}: ${(total.cents / 100).toFixed(2)} ${total.currency}`);
  }
}

const service = new InvoiceService();
const batches = incomingBatches();

function processBatch(index: number): void {
  for (const order of batches[index]) service.invoice(order);
  console.log(`processed batch ${index + 1}`);
  if (index + 1 < batches.length) setTimeout(() => processBatch(index + 1), Number(process.env.BATCH_DELAY_MS ?? 50));
}

processBatch(0);
