/** An invoice on the Invoices queue. */
export interface Invoice {
  readonly invoiceId: string;
  readonly customerId: string;
  readonly amount: number;
}

/**
 * Reads an invoice, refusing one that cannot be posted (no customer, or not a positive amount).
 *
 * @example parseInvoice('{"invoiceId":"inv-1","customerId":"c-1","amount":10}')
 */
export function parseInvoice(body: string): Invoice {
  const value = JSON.parse(body) as Partial<Invoice>;
  if (
    typeof value.invoiceId !== "string" ||
    typeof value.customerId !== "string" ||
    typeof value.amount !== "number" ||
    value.amount <= 0
  )
    throw new Error(`invoice cannot be posted: ${body}`);
  return { invoiceId: value.invoiceId, customerId: value.customerId, amount: value.amount };
}
