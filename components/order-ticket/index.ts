export { OrderTicket, type OrderTicketProps } from './order-ticket';
export type { TicketPair } from '@/lib/account-client/types';
