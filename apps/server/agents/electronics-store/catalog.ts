import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const DAY_MS = 24 * 60 * 60 * 1000;
const date = z.iso.date();

const productSchema = z.object({
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  price: z.number(),
});

const orderSchema = z.object({
  id: z.string(),
  customer: z.string(),
  email: z.string(),
  placedOn: date,
  status: z.enum(['processing', 'shipped', 'delivered', 'cancelled']),
  carrier: z.string().optional(),
  trackingNumber: z.string().optional(),
  expectedDelivery: date.optional(),
  deliveredOn: date.optional(),
  items: z.array(z.object({ sku: z.string(), serial: z.string() })),
});

const customerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  membership: z.enum(['standard', 'plus']),
});

/** A product Voltmart sells. */
export type Product = z.infer<typeof productSchema>;
/** An order from the sample data, with dates moved to the present. */
export type Order = z.infer<typeof orderSchema>;
/** A customer account; its `id` is the customer id sessions are opened with. */
export type Customer = z.infer<typeof customerSchema>;

/** The sample data: what a real deployment would read from its order system. */
export interface Catalog {
  products: Product[];
  orders: Order[];
  customers: Customer[];
  /** Today, as an ISO date (the day the sample data was shifted to). */
  today: string;
}

let loading: Promise<Catalog> | undefined;

/**
 * Loads `data/*.json` once. The sample dates are written relative to `asOf` and shifted so that
 * `asOf` is today: the demo orders are always "delivered 12 days ago", whenever it runs.
 */
export function loadCatalog(now: Date = new Date()): Promise<Catalog> {
  loading ??= read(now);
  return loading;
}

async function read(now: Date): Promise<Catalog> {
  const json = async (name: string): Promise<unknown> =>
    JSON.parse(await readFile(new URL(`./data/${name}`, import.meta.url), 'utf8'));
  const { products } = z
    .object({ products: z.array(productSchema) })
    .parse(await json('products.json'));
  const { customers } = z
    .object({ customers: z.array(customerSchema) })
    .parse(await json('customers.json'));
  const data = z
    .object({ asOf: date, orders: z.array(orderSchema) })
    .parse(await json('orders.json'));
  const today = now.toISOString().slice(0, 10);
  const offset = Date.parse(today) - Date.parse(data.asOf);
  const shift = (day: string | undefined) =>
    day === undefined ? undefined : new Date(Date.parse(day) + offset).toISOString().slice(0, 10);
  const orders = data.orders.map((order) => ({
    ...order,
    placedOn: shift(order.placedOn)!,
    expectedDelivery: shift(order.expectedDelivery),
    deliveredOn: shift(order.deliveredOn),
  }));
  return { products, orders, customers, today };
}

/** Finds an order by number, forgiving case and spaces (`vm 10421`). */
export function findOrder(catalog: Catalog, orderId: string): Order | undefined {
  const wanted = orderId.toUpperCase().replace(/\s+/g, '-');
  return catalog.orders.find((order) => order.id === wanted);
}

/** Finds a customer account by its id (the session's customer id). */
export function findCustomer(catalog: Catalog, customerId: string): Customer | undefined {
  return catalog.customers.find((customer) => customer.id === customerId);
}

/**
 * Whether the session's customer placed `order`: orders belong to the account with the order's
 * email. A guest (or an id with no account) owns no order. Every tool that reads or changes an
 * order checks this, so a customer never learns anything about someone else's order.
 */
export function ownsOrder(catalog: Catalog, customerId: string, order: Order): boolean {
  const customer = findCustomer(catalog, customerId);
  return customer !== undefined && customer.email === order.email;
}

/**
 * The order with this number, only if the session's customer placed it. Someone else's order
 * reads as not found, so a guess at order numbers reveals nothing.
 */
export function findOwnOrder(
  catalog: Catalog,
  customerId: string,
  orderId: string,
): Order | undefined {
  const order = findOrder(catalog, orderId);
  return order !== undefined && ownsOrder(catalog, customerId, order) ? order : undefined;
}

/** Whether the session is anonymous or its customer has no account (nothing to look up). */
export function isSignedOut(catalog: Catalog, customerId: string): boolean {
  return findCustomer(catalog, customerId) === undefined;
}

/** Finds a product by SKU or by (part of) its name. */
export function findProduct(catalog: Catalog, query: string): Product | undefined {
  const wanted = query.trim().toLowerCase();
  return (
    catalog.products.find((product) => product.sku.toLowerCase() === wanted) ??
    catalog.products.find((product) => product.name.toLowerCase().includes(wanted)) ??
    catalog.products.find((product) => wanted.includes(product.name.toLowerCase().split(' ')[0]!))
  );
}

/** Whole days from `day` to today. */
export function daysSince(catalog: Catalog, day: string): number {
  return Math.round((Date.parse(catalog.today) - Date.parse(day)) / DAY_MS);
}

/** `day` plus `years`, as an ISO date. */
export function addYears(day: string, years: number): string {
  const result = new Date(Date.parse(day));
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result.toISOString().slice(0, 10);
}
