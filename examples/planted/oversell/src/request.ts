/** A booking request on the BookingRequests queue. */
export interface BookingRequest {
  readonly bookingId: string;
  readonly concertId: string;
  readonly seats: number;
}

/**
 * Reads a booking request from a message body, refusing anything malformed.
 *
 * @example parseRequest('{"bookingId":"b-1","concertId":"c-1","seats":2}')
 */
export function parseRequest(body: string): BookingRequest {
  const value = JSON.parse(body) as Partial<BookingRequest>;
  if (
    typeof value.bookingId !== "string" ||
    typeof value.concertId !== "string" ||
    typeof value.seats !== "number"
  )
    throw new Error(`malformed booking request: ${body}`);
  return { bookingId: value.bookingId, concertId: value.concertId, seats: value.seats };
}
