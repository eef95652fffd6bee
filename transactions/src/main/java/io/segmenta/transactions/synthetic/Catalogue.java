package io.segmenta.transactions.synthetic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** The synthetic shop's products by price tier; generated from the run's random stream. */
public final class Catalogue {

    private static final String[] COLOURS = {"RED", "BLUE", "IVORY", "PINK", "GREEN", "BLACK", "GOLD", "SILVER",
            "PASTEL", "VINTAGE"};
    private static final String[] MATERIALS = {"CERAMIC", "GLASS", "WOODEN", "METAL", "PAPER", "FELT", "ENAMEL",
            "COTTON"};
    private static final String[] THINGS = {"MUG", "CANDLE HOLDER", "GARLAND", "CUSHION COVER", "TEA TIN",
            "PHOTO FRAME", "LUNCH BOX", "DOORSTOP", "NAPKINS", "CAKE STAND", "BUNTING", "CLOCK", "TRINKET BOX",
            "SHOPPING BAG", "STORAGE JAR"};

    private final Map<PriceTier, List<Product>> byTier;

    private Catalogue(Map<PriceTier, List<Product>> byTier) {
        this.byTier = byTier;
    }

    static Catalogue generate(RandomGenerator r) {
        Map<PriceTier, List<Product>> byTier = new EnumMap<>(PriceTier.class);
        int code = 70001; // above the real Online Retail codes, so the two never read as the same product
        for (PriceTier tier : PriceTier.values()) {
            List<Product> products = new ArrayList<>();
            for (int i = 0; i < tier.products(); i++) {
                products.add(new Product(String.valueOf(code++), description(r, tier), price(r, tier), tier));
            }
            byTier.put(tier, List.copyOf(products));
        }
        return new Catalogue(byTier);
    }

    public List<Product> products(PriceTier tier) {
        return byTier.get(tier);
    }

    /** Prices spread log-uniformly over the tier and end in 5 (0.85, 2.95), like a shop's. */
    private static BigDecimal price(RandomGenerator r, PriceTier tier) {
        double lo = Math.log(tier.lowest().doubleValue());
        double hi = Math.log(tier.highest().doubleValue());
        double p = Math.exp(lo + r.nextDouble() * (hi - lo));
        BigDecimal tenths = BigDecimal.valueOf(p).setScale(1, RoundingMode.DOWN);
        BigDecimal price = tenths.add(new BigDecimal("0.05"));
        return price.max(tier.lowest()).min(tier.highest()).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** A plausible upper-case name; some carry a comma so that the writer's CSV quoting is exercised. */
    private static String description(RandomGenerator r, PriceTier tier) {
        String name = COLOURS[r.nextInt(COLOURS.length)] + " " + MATERIALS[r.nextInt(MATERIALS.length)] + " "
                + THINGS[r.nextInt(THINGS.length)];
        if (tier == PriceTier.BUDGET && r.nextDouble() < 0.15) {
            name = name + ", SET OF " + (2 + r.nextInt(5));
        }
        return tier == PriceTier.PREMIUM ? "LUXURY " + name : name;
    }
}
