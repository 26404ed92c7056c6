/** A Kraken API error: answered as HTTP 200 `{"error":[message]}`. */
export class KrakenApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KrakenApiError';
  }
}

export const invalidArgument = (field: string) => new KrakenApiError(`EGeneral:Invalid arguments:${field}`);
export const unknownPair = () => new KrakenApiError('EQuery:Unknown asset pair');
export const unknownAsset = () => new KrakenApiError('EQuery:Unknown asset');
export const unknownMethod = () => new KrakenApiError('EGeneral:Unknown method');
export const unavailable = () => new KrakenApiError('EService:Unavailable');
