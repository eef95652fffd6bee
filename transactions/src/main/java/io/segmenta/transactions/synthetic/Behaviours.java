package io.segmenta.transactions.synthetic;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static java.util.Map.entry;

/**
 * The five default behaviours. Chosen from what a gift-ware retailer's customers plausibly do, not from the
 * features the model computes; some overlap on one axis (wholesale and occasional buyers both buy rarely, regulars
 * and weekend bargain hunters both buy often) and separate on another (basket value, refunds, country, weekday).
 * <pre>
 * behaviour         share  gap between purchases          lines  units/line     tiers B/S/P   refunds  countries           days
 * regular           25 %   gamma k=4, mean 6 d (regular)   8      3               .30/.60/.10   2 %      UK 90 %             weekdays
 * wholesale         10 %   Weibull k=1.5, scale 21 d       28     24 (packs 12)   .70/.30/0     6 %      DE FR NL BE, UK 10% weekdays
 * occasional        30 %   gamma k=0.7, mean 35 d (bursty) 2      1.5             .30/.50/.20   4 %      UK 95 %             any
 * premium-returner  15 %   Weibull k=2.5, scale 13 d       3      1.3             .05/.25/.70   30 %     UK 60 %, FR CH EIRE any
 * weekend-bargain   20 %   gamma k=2, mean 10 d            6      4               .85/.15/0     12 %     UK 80 %, ES PT      weekends
 * </pre>
 * On top, each customer has a log-normal activity multiplier (sigma 0.45, dividing the gaps) and spend multiplier
 * (sigma 0.35, on the units), so a few customers buy far more often or far more than their behaviour's typical one.
 */
public final class Behaviours {

    public static final String REGULAR = "regular";
    public static final String WHOLESALE = "wholesale";
    public static final String OCCASIONAL = "occasional";
    public static final String PREMIUM_RETURNER = "premium-returner";
    public static final String WEEKEND_BARGAIN = "weekend-bargain";

    private static final String UK = "United Kingdom";

    private static final List<Behaviour> DEFAULTS = List.of(
            new Behaviour(REGULAR, 0.25, new GapDistribution.Gamma(4, 5), 10, 4, 1,
                    tiers(0.20, 0.70, 0.10), 0.6, 0.02,
                    Mix.of(entry(UK, 0.90), entry("EIRE", 0.05), entry("Channel Islands", 0.05)), -0.7, 8, 17),
            new Behaviour(WHOLESALE, 0.10, new GapDistribution.Weibull(1.5, 21), 28, 24, 12,
                    tiers(0.70, 0.30, 0.0), 0.5, 0.06,
                    Mix.of(entry("Germany", 0.30), entry("France", 0.30), entry("Netherlands", 0.20),
                            entry("Belgium", 0.10), entry(UK, 0.10)), -0.9, 7, 15),
            new Behaviour(OCCASIONAL, 0.30, new GapDistribution.Gamma(0.7, 35), 2, 1.5, 1,
                    tiers(0.40, 0.55, 0.05), 0.1, 0.04,
                    Mix.of(entry(UK, 0.95), entry("EIRE", 0.03), entry("Australia", 0.02)), 0, 10, 20),
            new Behaviour(PREMIUM_RETURNER, 0.15, new GapDistribution.Weibull(2.5, 13), 4, 1.5, 1,
                    tiers(0.0, 0.20, 0.80), 0.2, 0.30,
                    Mix.of(entry(UK, 0.60), entry("France", 0.15), entry("Switzerland", 0.10), entry("EIRE", 0.15)),
                    0, 11, 22),
            new Behaviour(WEEKEND_BARGAIN, 0.20, new GapDistribution.Gamma(2, 10), 8, 5, 1,
                    tiers(0.85, 0.15, 0.0), 0.3, 0.12,
                    Mix.of(entry(UK, 0.80), entry("Spain", 0.10), entry("Portugal", 0.10)), 0.8, 9, 21));

    private Behaviours() {
    }

    public static List<Behaviour> defaults() {
        return DEFAULTS;
    }

    public static List<String> names() {
        return DEFAULTS.stream().map(Behaviour::name).toList();
    }

    public static Behaviour named(String name) {
        return DEFAULTS.stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no behaviour " + name + "; there are " + names()));
    }

    private static Mix<PriceTier> tiers(double budget, double standard, double premium) {
        return Mix.of(Map.entry(PriceTier.BUDGET, budget), Map.entry(PriceTier.STANDARD, standard),
                Map.entry(PriceTier.PREMIUM, premium));
    }
}
