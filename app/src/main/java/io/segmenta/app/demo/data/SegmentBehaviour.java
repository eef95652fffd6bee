package io.segmenta.app.demo.data;

/**
 * How a segment's customers act at some point of the timeline. Rates are per customer before the customer's own
 * activity multiplier (log-normal around 1).
 *
 * @param sessionsPerWeek     mean sessions (visits) per week; the gaps are exponential
 * @param pageViewsPerSession mean page views per session (Poisson)
 * @param cartAddsPerSession  mean add-to-cart events per session (Poisson)
 * @param conversion          probability that a session ends with a purchase
 * @param basketMedian        median purchase amount (log-normal)
 * @param basketSigma         log-scale spread of the purchase amount
 * @param refundRate          probability that a purchase is refunded (a REFUND 1 to 21 days later)
 * @param firstSessionBuys    whether the first session always converts (new sign-ups)
 * @param maxPurchases        purchases at most over the whole timeline (0 = no limit)
 */
record SegmentBehaviour(double sessionsPerWeek, double pageViewsPerSession, double cartAddsPerSession,
                        double conversion, double basketMedian, double basketSigma, double refundRate,
                        boolean firstSessionBuys, int maxPurchases) {
}
