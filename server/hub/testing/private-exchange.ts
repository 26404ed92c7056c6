import { createKrakenClient } from '../../../lib/kraken/rest';
import { startExchange } from '../../simulator/exchange';

/**
 * The built-in exchange holding one API key, a REST client signed with it, and the hub's private-upstream token
 * source, which counts the WebSocket tokens it fetched (a test checks when the desk asks for a new one).
 */
export async function startPrivateExchange(key: { key: string; secret: string }) {
  const exchange = await startExchange({ apiKeys: [key] });
  const rest = createKrakenClient({ restUrl: exchange.restUrl, apiKey: key.key, apiSecret: key.secret, timeoutMs: 5000 });
  let tokens = 0;
  const getToken = async () => {
    tokens++;
    return (await rest.private.getWebSocketsToken()).token;
  };
  return { exchange, rest, getToken, tokensFetched: () => tokens };
}
