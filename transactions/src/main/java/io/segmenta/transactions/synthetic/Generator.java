package io.segmenta.transactions.synthetic;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Generates customers and their invoices. Each customer buys as a renewal process: the gap to the next purchase is
 * drawn from their behaviour's {@link GapDistribution}, divided by their activity. The process is started
 * {@value #WARM_UP_DAYS} days before the behaviour starts and only purchases from then on are kept, so that on the
 * first day every customer is already mid-way through their habits: first purchases spread over the first gaps
 * (tenure as seen by the pipeline is not all equal) and the rate does not jump at the start or at a switch.
 *
 * <p>Deterministic: one {@link SplittableRandom} from the seed, split in a fixed order (catalogue, population,
 * then one stream per customer), so the same options give the same data.
 */
public final class Generator {

    /** The drifting variant's gradual change: wholesale baskets have this many % fewer lines by the last day. */
    public static final int WHOLESALE_SHRINK_PERCENT = 30;
    static final int WARM_UP_DAYS = 90;
    static final int FIRST_CUSTOMER_ID = 30001;
    /** Above the real file's last invoice (581587), so the two cannot be mistaken for each other. */
    static final int FIRST_INVOICE = 700001;
    private static final double ACTIVITY_SIGMA = 0.4;
    private static final double SPEND_SIGMA = 0.35;
    private static final int FAVOURITES = 20;

    private final GeneratorOptions options;
    private final List<Behaviour> behaviours;
    private final Catalogue catalogue;
    private final LocalDateTime end;

    private Generator(GeneratorOptions options, List<Behaviour> behaviours, Catalogue catalogue) {
        this.options = options;
        this.behaviours = behaviours;
        this.catalogue = catalogue;
        this.end = options.end().atStartOfDay();
    }

    public static SyntheticData generate(GeneratorOptions options) {
        return generate(options, Behaviours.defaults());
    }

    public static SyntheticData generate(GeneratorOptions options, List<Behaviour> behaviours) {
        Objects.requireNonNull(options, "options");
        if (behaviours.size() < 2 && options.switchingCustomers() > 0) {
            throw new IllegalArgumentException("switching needs at least two behaviours");
        }
        SplittableRandom root = new SplittableRandom(options.seed());
        Generator g = new Generator(options, List.copyOf(behaviours), Catalogue.generate(root.split()));
        return g.run(root.split(), root);
    }

    private SyntheticData run(SplittableRandom population, SplittableRandom root) {
        int n = options.customers();
        List<Behaviour> first = Population.firstBehaviours(behaviours, n, population);
        int[] ids = Population.shuffledIds(FIRST_CUSTOMER_ID, n, population);
        boolean[] switches = Population.chosen(n, options.switchingCustomers(), population);

        List<SyntheticCustomer> customers = new ArrayList<>(n);
        List<Invoice> invoices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SplittableRandom r = root.split();
            SyntheticCustomer c = customer(ids[i], first.get(i), switches[i], r);
            customers.add(c);
            invoices.addAll(invoices(c, r));
        }
        // stable sort: a customer's invoices at the same minute keep their order
        invoices.sort(Comparator.comparing(Invoice::time).thenComparingInt(inv -> inv.customer().id()));
        List<Invoice> numbered = new ArrayList<>(invoices.size());
        int number = FIRST_INVOICE;
        for (Invoice inv : invoices) {
            numbered.add(inv.numbered((inv.cancellation() ? "C" : "") + number++));
        }
        customers.sort(Comparator.comparingInt(SyntheticCustomer::id));
        return new SyntheticData(options, customers, numbered);
    }

    private SyntheticCustomer customer(int id, Behaviour first, boolean switches, RandomGenerator r) {
        String customerId = String.valueOf(id);
        List<TruthRow> timeline = new ArrayList<>();
        timeline.add(new TruthRow(customerId, options.start(), first.name()));
        if (switches) {
            int days = options.days();
            int from = days / 3;
            int to = Math.max(from + 1, 2 * days / 3);
            int day = Sampling.between(r, from, to);
            List<Behaviour> others = behaviours.stream().filter(b -> !b.name().equals(first.name())).toList();
            Behaviour next = others.get(r.nextInt(others.size()));
            timeline.add(new TruthRow(customerId, options.start().plusDays(day), next.name()));
        }
        return new SyntheticCustomer(id, first.countries().draw(r), Sampling.logNormalMeanOne(r, ACTIVITY_SIGMA),
                Sampling.logNormalMeanOne(r, SPEND_SIGMA), timeline);
    }

    /** Purchases and cancellations of one customer, behaviour by behaviour. */
    private List<Invoice> invoices(SyntheticCustomer c, RandomGenerator r) {
        List<Invoice> out = new ArrayList<>();
        List<TruthRow> timeline = c.timeline();
        int purchases = 0;
        for (int s = 0; s < timeline.size(); s++) {
            Behaviour b = behaviour(timeline.get(s).behaviour());
            int fromDay = dayOf(timeline.get(s).from());
            int toDay = s + 1 < timeline.size() ? dayOf(timeline.get(s + 1).from()) : options.days();
            List<Product> favourites = favourites(b, r);
            double t = fromDay - WARM_UP_DAYS;
            while (true) {
                t += b.gap().sampleDays(r) / c.activity();
                int drawn = (int) Math.floor(t);
                int day = habit(b, drawn, r);
                t += day - drawn; // the next gap counts from the purchase actually made
                if (day >= toDay) {
                    break;
                }
                if (day >= fromDay) {
                    purchases++;
                    purchase(c, b, favourites, day, r, out);
                }
            }
        }
        if (purchases == 0) {
            // every customer of the truth buys at least once, so that truth and data name the same customers
            TruthRow firstRow = timeline.get(0);
            Behaviour b = behaviour(firstRow.behaviour());
            int fromDay = dayOf(firstRow.from());
            int toDay = timeline.size() > 1 ? dayOf(timeline.get(1).from()) : options.days();
            purchase(c, b, favourites(b, r), Sampling.between(r, fromDay, toDay), r, out);
        }
        return out;
    }

    private void purchase(SyntheticCustomer c, Behaviour b, List<Product> favourites, int day, RandomGenerator r,
                          List<Invoice> out) {
        LocalDateTime time = options.start().plusDays(day).atTime(Sampling.between(r, b.firstHour(), b.lastHour()),
                r.nextInt(60));
        double linesMean = b.linesMean() * basketScale(b, day);
        // negative binomial: a Poisson whose mean varies from basket to basket, so sizes spread more than Poisson's
        int lines = 1 + Sampling.poisson(r, Sampling.gamma(r, 2, Math.max(0, linesMean - 1) / 2));
        List<Invoice.Line> items = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            Product p = r.nextDouble() < b.repeatShare() ? favourites.get(r.nextInt(favourites.size()))
                    : pick(b.tiers().draw(r), r);
            int packs = 1 + Sampling.poisson(r, Math.max(0, b.quantityMean() / b.pack() * c.spend() - 1));
            items.add(new Invoice.Line(p, packs * b.pack()));
        }
        out.add(new Invoice(null, c, time, items, false));
        if (r.nextDouble() < b.refundRate()) {
            cancellation(c, time, items, r).ifPresent(out::add);
        }
    }

    /** Part of the invoice comes back a few days later; dropped when that falls after the timeline. */
    private java.util.Optional<Invoice> cancellation(SyntheticCustomer c, LocalDateTime bought,
                                                     List<Invoice.Line> items, RandomGenerator r) {
        List<Invoice.Line> back = new ArrayList<>();
        for (Invoice.Line line : items) {
            if (r.nextDouble() < 0.5) {
                int q = r.nextDouble() < 0.7 ? line.quantity() : 1 + r.nextInt(line.quantity());
                back.add(new Invoice.Line(line.product(), q));
            }
        }
        if (back.isEmpty()) {
            back.add(items.get(r.nextInt(items.size())));
        }
        int delay = (int) Sampling.gamma(r, 1.5, 2.0); // days; mean 3
        // same day: shortly after (bought before 22:00, so it stays clear of the night); later: in shop hours
        LocalDateTime time = delay == 0 ? bought.plusMinutes(10 + r.nextInt(80))
                : bought.toLocalDate().plusDays(delay).atTime(Sampling.between(r, 8, 20), r.nextInt(60));
        return time.isBefore(end) ? java.util.Optional.of(new Invoice(null, c, time, back, true))
                : java.util.Optional.empty();
    }

    /** Weekday habits: move a purchase forward to the next weekend day, or off the weekend to Monday. */
    private int habit(Behaviour b, int day, RandomGenerator r) {
        double a = b.weekendAffinity();
        if (a == 0) {
            return day;
        }
        DayOfWeek dow = options.start().plusDays(day).getDayOfWeek();
        boolean weekend = Behaviour.isWeekend(dow);
        if (a > 0 && !weekend && r.nextDouble() < a) {
            int toSaturday = DayOfWeek.SATURDAY.getValue() - dow.getValue();
            return day + toSaturday + (r.nextBoolean() ? 1 : 0);
        }
        if (a < 0 && weekend && r.nextDouble() < -a) {
            return day + (8 - dow.getValue()); // to Monday
        }
        return day;
    }

    /** 1, except for wholesale in the drifting variant: shrinks linearly to 1 - 30 % over the timeline. */
    private double basketScale(Behaviour b, int day) {
        if (options.variant() != Variant.DRIFTING || !b.name().equals(Behaviours.WHOLESALE)) {
            return 1;
        }
        return 1 - WHOLESALE_SHRINK_PERCENT / 100.0 * day / options.days();
    }

    private List<Product> favourites(Behaviour b, RandomGenerator r) {
        List<Product> out = new ArrayList<>(FAVOURITES);
        for (int i = 0; i < FAVOURITES; i++) {
            out.add(pick(b.tiers().draw(r), r));
        }
        return out;
    }

    private Product pick(PriceTier tier, RandomGenerator r) {
        List<Product> products = catalogue.products(tier);
        return products.get(r.nextInt(products.size()));
    }

    private Behaviour behaviour(String name) {
        return behaviours.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }

    private int dayOf(LocalDate date) {
        return (int) (date.toEpochDay() - options.start().toEpochDay());
    }
}
