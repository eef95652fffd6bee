package io.segmenta.transactions.synthetic;

import java.time.DayOfWeek;
import java.util.Objects;

/**
 * How the customers of one behaviour buy. Everything a customer does follows from these numbers, the customer's own
 * activity and spend multipliers, and the random stream.
 *
 * @param name            the label written to the truth file
 * @param share           share of customers that start with this behaviour (shares are normalised)
 * @param gap             days between purchases (at activity 1)
 * @param linesMean       mean lines per invoice (at least 1; negative-binomial spread)
 * @param quantityMean    mean units per line (at spend 1), in packs of {@code pack}
 * @param pack            units come in packs of this size (12 for trade buyers, 1 otherwise)
 * @param tiers           which price tiers a line is drawn from
 * @param repeatShare     probability that a line is one of the customer's favourite products
 * @param refundRate      probability that an invoice is later (partly) cancelled
 * @param countries       a customer's country, drawn once when they join
 * @param weekendAffinity positive: that share of weekday purchases move to the next weekend day; negative: that
 *                        share of weekend purchases move to the next Monday; 0: no weekday habit
 * @param firstHour       earliest hour of day of a purchase (local time)
 * @param lastHour        purchases start before this hour
 */
public record Behaviour(String name, double share, GapDistribution gap, double linesMean, double quantityMean,
                        int pack, Mix<PriceTier> tiers, double repeatShare, double refundRate, Mix<String> countries,
                        double weekendAffinity, int firstHour, int lastHour) {

    public Behaviour {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gap, "gap");
        Objects.requireNonNull(tiers, "tiers");
        Objects.requireNonNull(countries, "countries");
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("a behaviour name is lower-case letters, digits and '-': " + name);
        }
        if (!(share >= 0) || !(linesMean >= 1) || !(quantityMean >= pack) || pack < 1) {
            throw new IllegalArgumentException(name + ": share >= 0, linesMean >= 1, quantityMean >= pack >= 1");
        }
        if (!(repeatShare >= 0 && repeatShare <= 1) || !(refundRate >= 0 && refundRate < 1)
                || !(weekendAffinity >= -1 && weekendAffinity <= 1)) {
            throw new IllegalArgumentException(name + ": repeatShare and refundRate in [0, 1), weekendAffinity in [-1, 1]");
        }
        // 07:00 to 22:00 stays clear of the night-time clock changes of Europe/London
        if (firstHour < 7 || lastHour > 22 || firstHour >= lastHour) {
            throw new IllegalArgumentException(name + ": purchase hours must lie within 07 to 22");
        }
    }

    static boolean isWeekend(DayOfWeek d) {
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }
}
